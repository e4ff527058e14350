package org.mpdemo.multiprocessing;

/**
 * A non-recursive lock (CPython's {@code multiprocessing.Lock}): a semaphore of one. Any thread or process
 * may release it; releasing an unlocked one raises {@link IllegalStateException}.
 */
public class Lock extends SemLock {
    private static final long serialVersionUID = 1L;

    public Lock() {
        super(Kind.SEMAPHORE, 1, 1);
    }

    private Lock(boolean traced) {
        super(Kind.SEMAPHORE, 1, 1, traced);
    }

    /** Plumbing of another primitive: leaves no trace events of its own. */
    static Lock untraced() {
        return new Lock(false);
    }
}
