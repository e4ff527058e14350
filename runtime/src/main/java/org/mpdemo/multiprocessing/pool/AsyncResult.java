package org.mpdemo.multiprocessing.pool;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mpdemo.multiprocessing.errors.ProcessError;
import org.mpdemo.multiprocessing.errors.RemoteTraceback;
import org.mpdemo.multiprocessing.errors.TimeoutError;
import org.mpdemo.multiprocessing.internal.reduction.Invoker;
import org.mpdemo.multiprocessing.trace.Trace;
import org.mpdemo.multiprocessing.trace.TraceEvent;

/**
 * The result of an asynchronous pool call (CPython's {@code ApplyResult}/{@code MapResult}).
 *
 * <p>A map-style result keeps the <em>first</em> error to arrive and still waits for every chunk before it is
 * ready, as CPython does; the error callback is then called once. {@link #get()} re-raises a task's exception
 * as it is — checked or not — with the worker's stack trace attached as a {@link RemoteTraceback} cause.
 */
public class AsyncResult<T> extends Job {
    private final Options<? super T> options;
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicBoolean settled = new AtomicBoolean();
    private volatile T value;
    private volatile Throwable error;

    // map-style bookkeeping
    private final Object[] values;
    private int remainingChunks;
    private Throwable firstError;
    private final boolean single;

    AsyncResult(Pool pool, long id, String method, Options<? super T> options, int items, int chunks,
                boolean single) {
        super(pool, id, method);
        this.options = options;
        this.values = new Object[items];
        this.remainingChunks = chunks;
        this.single = single;
    }

    /** Waits for the result and returns it, or re-raises the error. */
    public T get() {
        await();
        return outcome();
    }

    /** As {@link #get()}, raising {@link TimeoutError} if the result is not ready in time. */
    public T get(long timeout, TimeUnit unit) {
        if (!await(timeout, unit)) throw new TimeoutError();
        return outcome();
    }

    /** Waits until the result is ready (Python's {@code wait()}). */
    public void await() {
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessError("interrupted while waiting for " + this);
        }
    }

    /** Waits at most {@code timeout}; returns whether the result is ready. */
    public boolean await(long timeout, TimeUnit unit) {
        try {
            return done.await(timeout, unit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessError("interrupted while waiting for " + this);
        }
    }

    /** Whether the call has completed (its callbacks have run). */
    public boolean ready() {
        return done.getCount() == 0;
    }

    /** Whether the call completed without error; fails if it is not ready yet, as CPython's ValueError. */
    public boolean successful() {
        if (!ready()) throw new IllegalStateException(this + " not ready");
        return error == null;
    }

    @Override
    public String toString() {
        return "<AsyncResult of " + method + ", job " + id + ">";
    }

    private T outcome() {
        if (error != null) throw Invoker.rethrow(error);
        return value;
    }

    // ---- called by the pool --------------------------------------------------------------------------------

    @Override
    void chunkDone(Chunk chunk, List<Object> chunkValues) {
        boolean last;
        synchronized (this) {
            for (int i = 0; i < chunkValues.size(); i++) values[(int) chunk.start + i] = chunkValues.get(i);
            last = --remainingChunks == 0;
        }
        if (last) finish();
    }

    @Override
    void chunkFailed(Chunk chunk, Throwable failure) {
        boolean last;
        synchronized (this) {
            if (firstError == null) firstError = failure;
            last = --remainingChunks == 0;
        }
        if (last) finish();
    }

    /** Completes a job that has nothing to run (an empty map). */
    void finishEmpty() {
        finish();
    }

    @SuppressWarnings("unchecked")
    private void finish() {
        Throwable failure;
        T result;
        synchronized (this) {
            failure = firstError;
            result = failure != null ? null
                    : single ? (T) values[0] : (T) new java.util.ArrayList<>(Arrays.asList(values));
        }
        if (!settled.compareAndSet(false, true)) return;
        value = result;
        error = failure;
        pool.handle(() -> {
            try {
                if (failure == null && options.callback != null) {
                    Trace.event(TraceEvent.CALLBACK, "job", id);
                    options.callback.accept(result);
                } else if (failure != null && options.errorCallback != null) {
                    Trace.event(TraceEvent.ERROR_CALLBACK, "job", id, "type", failure.getClass().getSimpleName());
                    options.errorCallback.accept(failure);
                }
            } catch (Throwable t) {
                // CPython's handler thread would die here and wedge the pool; we report and go on.
                System.err.println("Exception in " + (failure == null ? "callback" : "error callback")
                        + " of " + this + ":");
                t.printStackTrace();
            } finally {
                done.countDown();
                pool.jobFinished(this);
            }
        });
    }

    @Override
    void abort(Throwable failure) {
        if (!settled.compareAndSet(false, true)) return;
        error = failure;
        done.countDown();
    }
}
