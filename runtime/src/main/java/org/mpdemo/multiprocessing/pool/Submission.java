package org.mpdemo.multiprocessing.pool;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.mpdemo.multiprocessing.Args;
import org.mpdemo.multiprocessing.errors.ProcessError;
import org.mpdemo.multiprocessing.internal.reduction.Functions;
import org.mpdemo.multiprocessing.internal.reduction.Invoker;
import org.mpdemo.multiprocessing.internal.reduction.Reduction;
import org.mpdemo.multiprocessing.trace.Trace;
import org.mpdemo.multiprocessing.trace.TraceEvent;

/**
 * A pool's submissions, in the caller's thread: the job's result object, and its chunks serialized and queued
 * for the {@link Scheduler}. A chunk that cannot be serialized fails here, as a CPython task whose pickling
 * fails does, and never reaches a worker.
 */
final class Submission {
    /** Set while the caller's thread is submitting (and may complete) a job: see {@link Pool#handle}. */
    private static final ThreadLocal<Boolean> SUBMITTING = ThreadLocal.withInitial(() -> false);

    private final Pool pool;
    private final PoolState state;
    private final Scheduler scheduler;
    private final Workers workers;
    /** Each function encoded once, by the user's function object (guarded by the pool's lock). */
    private final Map<Object, FunctionEntry> functions = new WeakHashMap<>();
    private int functionCounter;
    private long jobCounter;

    private record FunctionEntry(int id, byte[] bytes) {
    }

    Submission(Pool pool, PoolState state, Workers workers) {
        this.pool = pool;
        this.state = state;
        this.workers = workers;
        this.scheduler = workers.scheduler;
    }

    static boolean submitting() {
        return SUBMITTING.get();
    }

    <R> AsyncResult<R> submitApply(Invoker f, Object[] args, Options<? super R> options) {
        long id = newJob();
        AsyncResult<R> result = new AsyncResult<>(pool, id, "apply", options, 1, 1, true);
        submit(result, f, Collections.singletonList(args), 1);
        return result;
    }

    <R> AsyncResult<List<R>> submitMap(String method, Invoker f, Iterable<?> iterable, boolean star,
                                       Options<? super List<R>> options) {
        List<Object> items = materialize(iterable, star);
        int chunksize = options.chunksize;
        if (chunksize == 0) {
            int per = state.processes * 4;
            chunksize = items.size() / per + (items.size() % per == 0 ? 0 : 1);
        }
        long id = newJob();
        int chunks = items.isEmpty() ? 0 : (items.size() + chunksize - 1) / chunksize;
        AsyncResult<List<R>> result = new AsyncResult<>(pool, id, method, options, items.size(), chunks, false);
        if (items.isEmpty()) {
            SUBMITTING.set(true);
            try {
                result.finishEmpty();
            } finally {
                SUBMITTING.set(false);
            }
            return result;
        }
        submit(result, f, items, chunksize);
        return result;
    }

    <R> IMapIterator<R> submitIMap(String method, Invoker f, Iterable<?> iterable, int chunksize, boolean ordered) {
        if (chunksize < 1) throw new IllegalArgumentException("Chunksize must be 1+, not " + chunksize);
        List<Object> items = materialize(iterable, false);
        long id = newJob();
        int chunks = (items.size() + chunksize - 1) / chunksize;
        IMapIterator<R> iterator = new IMapIterator<>(pool, id, method, chunks, ordered);
        if (!items.isEmpty()) submit(iterator, f, items, chunksize);
        return iterator;
    }

    private List<Object> materialize(Iterable<?> iterable, boolean star) {
        state.checkRunning();
        List<Object> items = new ArrayList<>();
        for (Object item : iterable) {
            // every item travels as the array of arguments the function is called with
            items.add(star ? Args.toArray(item) : new Object[] {item});
        }
        return items;
    }

    private long newJob() {
        state.lock.lock();
        try {
            state.checkRunning();
            return ++jobCounter;
        } finally {
            state.lock.unlock();
        }
    }

    private void submit(Job job, Invoker f, List<?> items, int chunksize) {
        SUBMITTING.set(true);
        try {
            submitChunks(job, f, items, chunksize);
        } finally {
            SUBMITTING.set(false);
        }
    }

    private void submitChunks(Job job, Invoker f, List<?> items, int chunksize) {
        FunctionEntry function = null;
        RuntimeException functionError = null;
        try {
            function = functionEntry(f);
        } catch (RuntimeException e) {
            functionError = e;
        }
        state.lock.lock();
        try {
            if (state.run == PoolState.Run.TERMINATE) {
                job.abort(new ProcessError("Pool not running"));
                return;
            }
            state.active.add(job);
            job.chunks = (items.size() + chunksize - 1) / chunksize;
        } finally {
            state.lock.unlock();
        }
        int number = 0;
        for (int start = 0; start < items.size(); start += chunksize, number++) {
            List<?> slice = items.subList(start, Math.min(items.size(), start + chunksize));
            byte[] encoded = null;
            RuntimeException error = functionError;
            if (error == null) {
                try {
                    encoded = Reduction.encodeList(slice);
                } catch (RuntimeException e) {
                    error = e;
                }
            }
            Job.Chunk chunk = new Job.Chunk(job, number, start, slice.size(),
                    function == null ? -1 : function.id(), function == null ? null : function.bytes(), encoded);
            if (error != null) {
                Trace.event(TraceEvent.ERROR, "job", job.id, "task", start, "type", error.getClass().getSimpleName(),
                        "message", String.valueOf(error.getMessage()), "where", "serializing in the parent");
                job.chunkFailed(chunk, error);
                continue;
            }
            String broken;
            state.lock.lock();
            try {
                if (state.run == PoolState.Run.TERMINATE) return; // terminate() aborted the job
                broken = workers.brokenAndEmpty();
                if (broken == null) state.pending.add(chunk);
            } finally {
                state.lock.unlock();
            }
            if (broken != null) { // nothing would ever run it
                job.chunkFailed(chunk, new ProcessError(broken));
                continue;
            }
            // hand the first chunks out at once, so workers compute while the rest is being encoded
            if (number < 4 || number % 64 == 0) scheduler.dispatch();
        }
        scheduler.dispatch();
    }

    private FunctionEntry functionEntry(Invoker f) {
        state.lock.lock();
        try {
            FunctionEntry entry = functions.get(f.target());
            if (entry == null) {
                entry = new FunctionEntry(++functionCounter, Functions.encode(f));
                functions.put(f.target(), entry);
            }
            return entry;
        } finally {
            state.lock.unlock();
        }
    }
}
