package org.mpdemo.multiprocessing.pool;

import java.util.List;

/**
 * What the pool tracks for one submission ({@code apply}, {@code map}, {@code imap} …): it is told as each chunk
 * comes back or fails, and is aborted, without callbacks, when the pool is terminated first.
 */
abstract class Job {
    final Pool pool;
    final long id;
    final String method;
    /** How many chunks it is cut into (written before the first is queued, under the pool's lock). */
    int chunks;

    Job(Pool pool, long id, String method) {
        this.pool = pool;
        this.id = id;
        this.method = method;
    }

    abstract void chunkDone(Chunk chunk, List<Object> values);

    abstract void chunkFailed(Chunk chunk, Throwable error);

    abstract void abort(Throwable error);

    /** One piece of a job: consecutive items sent to a worker as one task (CPython's chunk). */
    static final class Chunk {
        final Job job;
        final int number;
        final long start;
        final int size;
        final int functionId;
        final byte[] function;
        final byte[] items;
        long taskId;

        Chunk(Job job, int number, long start, int size, int functionId, byte[] function, byte[] items) {
            this.job = job;
            this.number = number;
            this.start = start;
            this.size = size;
            this.functionId = functionId;
            this.function = function;
            this.items = items;
        }

        String describe() {
            return size == 1 ? "task " + start + " of " + job.method
                    : "tasks " + start + "-" + (start + size - 1) + " of " + job.method;
        }
    }
}
