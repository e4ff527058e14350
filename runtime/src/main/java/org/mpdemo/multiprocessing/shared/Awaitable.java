package org.mpdemo.multiprocessing.shared;

import java.util.function.BooleanSupplier;

/**
 * What a process-shared {@link Condition} and a manager's condition proxy have in common: a timed wait, and
 * Python's {@code wait_for} built on it. The predicate loop is written once, here, for both.
 */
public interface Awaitable {
    /**
     * Waits until signalled or {@code timeout} seconds pass (negative: no limit); returns {@code false} on
     * timeout. The caller holds the lock, which is released while waiting and held again on return.
     */
    boolean await(double timeout);

    /** Waits until signalled (Python's {@code wait()}). */
    default boolean await() {
        return await(-1);
    }

    /**
     * Waits until {@code predicate} holds (Python's {@code wait_for}), evaluating it in the caller with the lock
     * held, for at most {@code timeout} seconds (negative: no limit); returns the predicate's last value.
     */
    default boolean waitFor(BooleanSupplier predicate, double timeout) {
        boolean result = predicate.getAsBoolean();
        long deadline = timeout < 0 ? 0 : System.nanoTime() + (long) (timeout * 1e9);
        while (!result) {
            double wait = -1;
            if (timeout >= 0) {
                wait = (deadline - System.nanoTime()) / 1e9;
                if (wait <= 0) break;
            }
            await(wait);
            result = predicate.getAsBoolean();
        }
        return result;
    }

    /** As {@link #waitFor(BooleanSupplier, double)}, with no time limit. */
    default boolean waitFor(BooleanSupplier predicate) {
        return waitFor(predicate, -1);
    }
}
