package org.mpdemo.multiprocessing.managers;

import org.mpdemo.multiprocessing.internal.wire.ManagerProtocol;
import org.mpdemo.multiprocessing.shared.Awaitable;
import org.mpdemo.multiprocessing.shared.Condition;

/**
 * A proxy for a manager's {@code Condition} over an RLock (CPython's {@code ConditionProxy}). Python's
 * {@code wait}, {@code notify} and {@code notify_all} are {@link #await()}, {@link #signal} and {@link #signalAll}.
 *
 * <p>The condition and its lock live in the manager; the lock is owned by the calling thread, whichever process
 * it is in, so {@code with condition: condition.wait()} works from a pool task exactly as from a thread.
 * {@code signal} wakes only those already waiting — a notification sent before a task waits is lost, which is why
 * {@link #awaitWaiters} exists.
 */
public final class ConditionProxy extends LockProxy implements Awaitable {
    private static final long serialVersionUID = 1L;

    ConditionProxy(Ref ref) {
        super(ref);
    }

    @Override
    public boolean await(double timeout) {
        begin(ManagerProtocol.WAIT).ensure(8).putDouble(timeout);
        return call().get() != 0;
    }

    /** Wakes one waiter (Python's {@code notify()}); returns how many were woken, 0 or 1. */
    public int signal() {
        return signal(1);
    }

    /** Wakes up to {@code n} waiters; returns how many were woken. */
    public int signal(int n) {
        begin(ManagerProtocol.NOTIFY).ensure(4).putInt(n);
        return call().getInt();
    }

    /** Wakes every waiter (Python's {@code notify_all()}); returns how many were woken. */
    public int signalAll() {
        return signal(Integer.MAX_VALUE);
    }

    /** How many threads, in all processes, are waiting on this condition now. */
    public int waiters() {
        return callInt(ManagerProtocol.WAITERS);
    }

    /**
     * Waits until at least {@code n} threads are waiting on this condition, or {@code timeout} seconds pass
     * (negative: no limit); returns whether they are. Not in CPython: it lets a program notify only once every
     * task can hear it, instead of guessing with a pause.
     */
    public boolean awaitWaiters(int n, double timeout) {
        begin(ManagerProtocol.AWAIT_WAITERS).ensure(12).putInt(n).putDouble(timeout);
        return call().get() != 0;
    }

    /** The proxy of the condition's own RLock. */
    public LockProxy getLock() {
        return (LockProxy) sibling(ManagerProtocol.RLOCK, aux);
    }
}
