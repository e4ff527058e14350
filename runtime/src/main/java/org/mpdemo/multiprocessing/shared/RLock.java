package org.mpdemo.multiprocessing.shared;

/**
 * A recursive lock (CPython's {@code multiprocessing.RLock}): the thread that holds it may acquire it again,
 * and must release it as many times; only that thread may release it.
 */
public class RLock extends SemLock {
    private static final long serialVersionUID = 1L;

    public RLock() {
        super(Kind.RECURSIVE_MUTEX, 1, 1, true, true);
    }
}
