package org.mpdemo.multiprocessing.shared;

/**
 * A lock held for the length of a {@code try} block: Python's {@code with lock:}. {@link #close()} releases it,
 * without a checked exception. Both a shared lock's {@code hold()} and a manager lock proxy's return one.
 */
@FunctionalInterface
public interface Held extends AutoCloseable {
    @Override
    void close();
}
