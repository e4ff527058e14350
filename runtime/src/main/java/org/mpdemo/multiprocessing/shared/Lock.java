package org.mpdemo.multiprocessing.shared;

/**
 * A non-recursive lock (CPython's {@code multiprocessing.Lock}): a semaphore of one. Any thread or process
 * may release it; releasing an unlocked one raises {@link IllegalStateException}.
 */
public class Lock extends SemLock {
    private static final long serialVersionUID = 1L;

    public Lock() {
        super(Kind.SEMAPHORE, 1, 1, true, true);
    }

    private Lock(boolean traced) {
        super(Kind.SEMAPHORE, 1, 1, traced, true);
    }

    /** Plumbing of another primitive: leaves no trace events of its own. */
    static Lock untraced() {
        return new Lock(false);
    }
}
