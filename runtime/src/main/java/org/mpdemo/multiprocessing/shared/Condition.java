package org.mpdemo.multiprocessing.shared;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicLong;
import org.mpdemo.multiprocessing.internal.reduction.Reduction;
import org.mpdemo.multiprocessing.internal.schedule.SwitchPoint;
import org.mpdemo.multiprocessing.trace.Trace;
import org.mpdemo.multiprocessing.trace.TraceEvent;

/**
 * A condition variable (CPython's {@code multiprocessing.Condition}), built as CPython builds it from
 * semaphores, so that it works across processes exactly as far as its semaphores do.
 *
 * <p>Python's {@code wait}, {@code notify} and {@code notify_all} are {@link #await()}, {@link #signal} and
 * {@link #signalAll} here, since {@code Object} already owns the Python names. The default lock is an
 * {@link RLock}, as in CPython. {@code signal} wakes only processes already waiting: a notification sent
 * before anyone waits is lost — the reason the tutorials' main program pauses before it notifies.
 */
public class Condition implements Awaitable, Serializable {
    private static final long serialVersionUID = 1L;
    private static final AtomicLong IDS = new AtomicLong();

    private final SemLock lock;
    // plumbing: their acquire/release would only clutter the trace; wait/wake/notify say what happens
    private final Semaphore sleepingCount = Semaphore.untraced(0);
    private final Semaphore wokenCount = Semaphore.untraced(0);
    private final Semaphore waitSemaphore = Semaphore.untraced(0);
    private final boolean traced;
    final String id = "condition-" + ProcessHandle.current().pid() + "-" + IDS.incrementAndGet();

    public Condition() {
        this(new RLock());
    }

    /** A condition over the given lock. */
    public Condition(Lock lock) {
        this(lock, true);
    }

    /** A condition over the given recursive lock. */
    public Condition(RLock lock) {
        this(lock, true);
    }

    /** {@code traced=false}: the plumbing of an {@link Event}, which leaves no trace events. */
    Condition(SemLock lock, boolean traced) {
        this.lock = lock;
        this.traced = traced;
    }

    public boolean acquire() {
        return lock.acquire();
    }

    public boolean acquire(boolean block, double timeout) {
        return lock.acquire(block, timeout);
    }

    public void release() {
        lock.release();
    }

    /** {@code try (var held = condition.hold()) { … }}: Python's {@code with condition:}. */
    public Held hold() {
        lock.acquire();
        return lock::release;
    }

    /**
     * Waits until signalled or {@code timeout} seconds pass (negative: no limit); returns {@code false} on
     * timeout. The lock is released while waiting and held again on return.
     */
    @Override
    public boolean await(double timeout) {
        if (!lock.isMine()) throw new IllegalStateException("must acquire() condition before using wait()");
        if (traced) SwitchPoint.reached(TraceEvent.WAIT, id);
        sleepingCount.release();
        int depth = lock.count();
        SwitchPoint.quiet(true); // letting go of the lock is part of this one step
        for (int i = 0; i < depth; i++) lock.release();
        SwitchPoint.quiet(false);
        if (traced) Trace.event(TraceEvent.WAIT, "obj", id);
        boolean woken;
        if (traced) SwitchPoint.sleeping(true);
        try {
            woken = waitSemaphore.acquire(true, timeout);
        } finally {
            // awake for the scheduler before the notifier can return: it waits for wokenCount
            if (traced) SwitchPoint.sleeping(false);
            wokenCount.release();
            for (int i = 0; i < depth; i++) lock.acquire();
        }
        if (traced) Trace.event(TraceEvent.WAKE, "obj", id, "signalled", woken);
        return woken;
    }

    /** Wakes one waiting process or thread (Python's {@code notify()}). */
    public void signal() {
        signal(1);
    }

    /** Wakes up to {@code n} waiters (Python's {@code notify(n)}). */
    public void signal(int n) {
        if (!lock.isMine()) throw new IllegalStateException("lock is not owned");
        if (traced) SwitchPoint.reached(TraceEvent.NOTIFY, id);
        // Waiters that timed out since the last signal are still counted as sleeping: settle them first.
        while (wokenCount.acquire(false)) {
            sleepingCount.acquire(false);
        }
        int sleepers = 0;
        while (sleepers < n && sleepingCount.acquire(false)) {
            waitSemaphore.release();
            sleepers++;
        }
        if (sleepers > 0) {
            // wait until each woken waiter has left waitSemaphore, so a later signal cannot be eaten by it
            for (int i = 0; i < sleepers; i++) wokenCount.acquire();
            while (waitSemaphore.acquire(false)) {
                // a waiter timed out after being counted: take its unused wake-up back
            }
        }
        if (traced) Trace.event(TraceEvent.NOTIFY, "obj", id, "woken", sleepers);
    }

    /** Wakes every waiter (Python's {@code notify_all()}). */
    public void signalAll() {
        signal(Integer.MAX_VALUE);
    }

    /**
     * How many processes or threads are waiting right now. A monitoring method, as
     * {@link java.util.concurrent.locks.ReentrantLock#getWaitQueueLength} is and as CPython's
     * {@code Barrier.n_waiting} is (CPython's {@code Condition} has none): it is for tests, demos and reports,
     * to wait until every waiter is in place before a notification so that none is lost whatever the timing.
     * The answer is a snapshot that other processes change at once; it is not for synchronization control —
     * a program that needs to know whether a condition holds keeps that state under the lock and uses
     * {@link #waitFor}.
     */
    public int waiting() {
        return Math.max(0, sleepingCount.getValue() - wokenCount.getValue());
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        Reduction.assertSpawning(this);
        out.defaultWriteObject();
    }

    @Override
    public String toString() {
        return "<Condition(" + lock + ")>";
    }
}
