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
 * A condition variable (CPython's {@code multiprocessing.Condition}): a lock, and a table of waiters in shared
 * memory ({@link WaitList}) that works across processes.
 *
 * <p>Python's {@code wait}, {@code notify} and {@code notify_all} are {@link #await()}, {@link #signal} and
 * {@link #signalAll} here, since {@code Object} already owns the Python names. The default lock is an
 * {@link RLock}, as in CPython. {@code signal} wakes only processes already waiting: a notification sent
 * before anyone waits is lost — the reason the tutorials' main program pauses before it notifies.
 *
 * <p>CPython builds its condition from three semaphores, and its {@code notify} waits for each woken waiter to
 * say it has woken: a waiter killed while it waits makes every later {@code notify} hang, holding the lock. Here
 * a notification goes to a named waiter, and nobody waits for an answer: a waiter whose process has died is
 * passed over.
 */
public class Condition implements Awaitable, Serializable {
    private static final long serialVersionUID = 1L;
    private static final AtomicLong IDS = new AtomicLong();

    private final SemLock lock;
    private final WaitList waiters = WaitList.create();
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
        int entry = waiters.enter(); // in line while the lock is still held: a notification from now on counts
        int depth = lock.count();
        SwitchPoint.quiet(true); // letting go of the lock is part of this one step
        for (int i = 0; i < depth; i++) lock.release();
        SwitchPoint.quiet(false);
        if (traced) Trace.event(TraceEvent.WAIT, "obj", id);
        boolean woken;
        if (traced) SwitchPoint.sleeping(true);
        try {
            try {
                woken = waiters.sleep(entry, timeout < 0 ? -1 : (long) (timeout * 1e9));
            } finally {
                if (traced) SwitchPoint.sleeping(false);
            }
            // awake for a schedule before the entry is free: under one, the notifier waits for that
            if (woken) waiters.leave(entry);
        } finally {
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
        int sleepers = waiters.notify(n, SwitchPoint.ACTIVE);
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
        return waiters.waiting();
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
