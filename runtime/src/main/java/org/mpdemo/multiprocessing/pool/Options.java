package org.mpdemo.multiprocessing.pool;

import java.util.function.Consumer;

/**
 * The keyword arguments of Python's asynchronous pool calls: {@code callback}, {@code error_callback},
 * {@code chunksize}. Start from {@link Pool#callback}, {@link Pool#errorCallback} or {@link Pool#chunksize}
 * and chain the rest: {@code errorCallback(Demo::report).chunksize(2)}.
 *
 * <p>Callbacks run in the parent, on the pool's result-handler thread, exactly once per result and before
 * {@code get()} returns; an exception thrown by one is printed and does not affect the pool.
 */
public final class Options<T> {
    final Consumer<? super T> callback;
    final Consumer<? super Throwable> errorCallback;
    final int chunksize;

    Options(Consumer<? super T> callback, Consumer<? super Throwable> errorCallback, int chunksize) {
        this.callback = callback;
        this.errorCallback = errorCallback;
        this.chunksize = chunksize;
    }

    static <T> Options<T> none() {
        return new Options<>(null, null, 0);
    }

    /** Called with the result when the call succeeded. */
    public Options<T> callback(Consumer<? super T> onSuccess) {
        return new Options<>(onSuccess, errorCallback, chunksize);
    }

    /** Called with the (first) error when the call failed. */
    public Options<T> errorCallback(Consumer<? super Throwable> onError) {
        return new Options<>(callback, onError, chunksize);
    }

    /** How many items travel to a worker as one task; 0 means CPython's default rule. */
    public Options<T> chunksize(int size) {
        if (size < 1) throw new IllegalArgumentException("Chunksize must be 1+, not " + size);
        return new Options<>(callback, errorCallback, size);
    }
}
