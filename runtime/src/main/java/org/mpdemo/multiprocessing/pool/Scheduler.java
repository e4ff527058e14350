package org.mpdemo.multiprocessing.pool;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Hands queued chunks to ready workers. One chunk at a time per worker, as CPython's workers take one task at a
 * time from a shared queue — unless tasks are measured to be very short, when a few are sent ahead to hide the
 * round trip (prefetch). Frames are written outside the pool's lock. It also tells idle workers to exit when the
 * pool closes or they retire, and asks {@link Workers} for the workers still missing.
 */
final class Scheduler {
    /** A task that took less than this (measured in the worker) lets the pool send several ahead. */
    private static final long FAST_TASK_NANOS = 200_000;
    private static final int PREFETCH = 16;

    private final PoolState state;
    private final Workers workers;
    /** A moving average of the time per item, as the workers measured it. */
    private volatile long serviceNanos = Long.MAX_VALUE;
    private long taskCounter;

    private record Assignment(WorkerHandle worker, Job.Chunk chunk) {
    }

    Scheduler(PoolState state, Workers workers) {
        this.state = state;
        this.workers = workers;
    }

    /** A worker answered a chunk of {@code items} items in {@code nanos}. */
    void served(long nanos, int items) {
        long perItem = nanos / Math.max(1, items);
        long previous = serviceNanos;
        serviceNanos = previous == Long.MAX_VALUE ? perItem : (previous * 7 + perItem) / 8;
    }

    void dispatch() {
        dispatch(false);
    }

    /** Whether some of the pool's workers are still to start or not ready yet (called with the lock held). */
    private boolean starting() {
        if (state.workers.size() < state.processes) return true;
        for (WorkerHandle w : state.workers) if (!w.ready) return true;
        return false;
    }

    /**
     * While workers are starting, one that is ready takes at most its fair share of a job's chunks, the job's
     * chunks over the pool's size: the first worker up would otherwise serve a short map alone before the others
     * are up, where CPython's forked workers share it. Once every worker is ready, any free one takes the next.
     */
    private boolean overShare(WorkerHandle w, Job job) {
        int share = (job.chunks + state.processes - 1) / state.processes;
        return w.lastJob == job && w.lastJobChunks >= Math.max(1, share);
    }

    /**
     * @param startAside start missing workers on a thread of their own, not the caller's: a worker's reader
     *                   calls this when the worker is ready, and each JVM it started there would delay that
     *                   worker's first result
     */
    void dispatch(boolean startAside) {
        List<Assignment> batch = new ArrayList<>();
        List<WorkerHandle> exits = new ArrayList<>();
        int spawn;
        state.lock.lock();
        try {
            if (state.run == PoolState.Run.TERMINATE) return;
            int depth = serviceNanos < FAST_TASK_NANOS ? PREFETCH : 1;
            boolean starting = starting();
            boolean progress = true;
            while (!state.pending.isEmpty() && progress) {
                progress = false;
                for (WorkerHandle w : state.workers) {
                    if (state.pending.isEmpty()) break;
                    if (!w.ready || w.retiring || w.exitSent || w.inflight.size() >= depth) continue;
                    Job.Chunk head = state.pending.peek();
                    if (starting && overShare(w, head.job)) continue;
                    Job.Chunk chunk = state.pending.poll();
                    if (w.lastJob != chunk.job) {
                        w.lastJob = chunk.job;
                        w.lastJobChunks = 0;
                    }
                    w.lastJobChunks++;
                    chunk.taskId = ++taskCounter;
                    w.inflight.put(chunk.taskId, chunk);
                    if (state.maxtasksperchild > 0 && ++w.assigned >= state.maxtasksperchild) w.retiring = true;
                    batch.add(new Assignment(w, chunk));
                    progress = true;
                }
            }
            for (WorkerHandle w : state.workers) {
                boolean idle = w.ready && w.inflight.isEmpty() && !w.exitSent;
                if (idle && (w.retiring || (state.run == PoolState.Run.CLOSE && state.pending.isEmpty()))) {
                    w.exitSent = true;
                    exits.add(w);
                }
            }
            spawn = workers.missingWorkers();
        } finally {
            state.lock.unlock();
        }
        Set<WorkerHandle> touched = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Assignment a : batch) {
            a.worker.sendTask(a.chunk);
            touched.add(a.worker);
        }
        for (WorkerHandle w : touched) w.flush();
        for (WorkerHandle w : exits) w.sendExit();
        if (startAside && spawn > 0) {
            workers.startAside(spawn);
        } else {
            workers.spawnWorkers(spawn);
        }
    }
}
