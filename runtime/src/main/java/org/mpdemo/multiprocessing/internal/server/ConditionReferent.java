package org.mpdemo.multiprocessing.internal.server;

import static org.mpdemo.multiprocessing.internal.server.Referents.TRACING;

import java.util.ArrayDeque;
import org.mpdemo.multiprocessing.trace.Trace;
import org.mpdemo.multiprocessing.trace.TraceEvent;

/**
 * Behind a {@code ConditionProxy}: a condition over an RLock, with threading.Condition's semantics. Each waiter
 * waits on its own signal, so {@code notify(n)} wakes exactly {@code n} of those already waiting, oldest first,
 * and a notify with nobody waiting is lost. The number of waiters is observable ({@link #awaitWaiters}).
 */
final class ConditionReferent implements Acquirer {
    final String name;
    final RLockReferent lock;
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private final Object count = new Object();
    private int waiting;

    ConditionReferent(String name, RLockReferent lock) {
        this.name = name;
        this.lock = lock;
    }

    @Override
    public boolean acquire(boolean block, double timeout) {
        return lock.acquire(block, timeout);
    }

    @Override
    public void release() {
        lock.release();
    }

    boolean await(double timeout) {
        if (!lock.lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("cannot wait on un-acquired lock");
        }
        Waiter me = new Waiter(lock.lock.newCondition());
        waiters.addLast(me);
        publishCount();
        if (TRACING) Trace.event(TraceEvent.WAIT, "obj", name);
        if (TRACING) Trace.event(TraceEvent.RELEASE, "obj", lock.name, "kind", "RLock");
        boolean forever = timeout < 0;
        long nanos = forever ? 0 : (long) (timeout * 1e9);
        try {
            while (!me.notified) {
                if (forever) {
                    me.signal.awaitUninterruptibly();
                } else {
                    if (nanos <= 0) break;
                    nanos = me.signal.awaitNanos(nanos);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (!me.notified) {
                waiters.remove(me);
                publishCount();
            }
        }
        if (TRACING) Trace.event(TraceEvent.ACQUIRE, "obj", lock.name, "kind", "RLock");
        if (TRACING) Trace.event(TraceEvent.WAKE, "obj", name, "signalled", me.notified);
        return me.notified;
    }

    int notify(int n) {
        if (!lock.lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("cannot notify on un-acquired lock");
        }
        int woken = 0;
        while (woken < n && !waiters.isEmpty()) {
            Waiter w = waiters.pollFirst();
            w.notified = true;
            w.signal.signal();
            woken++;
        }
        if (woken > 0) publishCount();
        if (TRACING) Trace.event(TraceEvent.NOTIFY, "obj", name, "woken", woken);
        return woken;
    }

    /** Called with the lock held. */
    private void publishCount() {
        synchronized (count) {
            waiting = waiters.size();
            count.notifyAll();
        }
    }

    int waiters() {
        synchronized (count) {
            return waiting;
        }
    }

    /** Waits until at least {@code n} threads wait on the condition; {@code false} on timeout. */
    boolean awaitWaiters(int n, double timeout) {
        long deadline = System.nanoTime() + (long) (timeout * 1e9);
        synchronized (count) {
            while (waiting < n) {
                if (timeout < 0) {
                    Referents.waitUninterruptibly(count, 0);
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) return false;
                    Referents.waitUninterruptibly(count, left);
                }
            }
            return true;
        }
    }

    private static final class Waiter {
        final java.util.concurrent.locks.Condition signal;
        boolean notified;

        Waiter(java.util.concurrent.locks.Condition signal) {
            this.signal = signal;
        }
    }
}
