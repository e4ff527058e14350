package org.mpdemo.multiprocessing.shared;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import org.mpdemo.multiprocessing.errors.ProcessError;
import org.mpdemo.multiprocessing.internal.shm.Arena;
import org.mpdemo.multiprocessing.internal.shm.Futex;
import org.mpdemo.multiprocessing.internal.shm.SharedMemory;

/**
 * Where a {@link Condition} keeps its waiters: a table in {@link SharedMemory}, one entry per waiting thread of
 * any process, so that a notifier knows whom it wakes — and can pass over a waiter whose process has died.
 *
 * <h2>Layout (native byte order)</h2>
 * <pre>
 *  0  int  arrivals  how many waits began: each entry's place in line
 *  4  int  polled    1 once a process without futex (see Futex#polling) used it: sleepers then poll too
 * 64  ENTRIES entries of 16 bytes:
 *       +0 int state   FREE, WAITING, NOTIFIED; the futex word its waiter sleeps on
 *       +4 int pid     the waiter's process
 *       +8 int arrival its place in line: the oldest waiter is woken first
 * </pre>
 *
 * <p>An entry is taken and notified only by the holder of the condition's lock, so those steps never race each
 * other. The one race is a waiter's time-out against a notification, and it is one CAS: the waiter turns its
 * entry from WAITING to FREE, or the notifier turns it to NOTIFIED; whoever wins decides, so a notification is
 * never spent on a waiter that has left, and a waiter that timed out is never counted as woken. Nobody waits for
 * anybody's acknowledgement: a waiter that dies can hold up no one. The notifier passes over, and frees, an entry
 * whose process is gone; a waiter looking for a free entry frees any entry left by a dead process.
 */
final class WaitList implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Waiting threads one condition can hold at once, over all processes. */
    static final int ENTRIES = 128;
    private static final int ARRIVALS = 0;
    private static final int POLLED = 4;
    private static final int TABLE = 64;
    private static final int ENTRY = 16;
    static final int SIZE = TABLE + ENTRIES * ENTRY;

    private static final int FREE = 0;
    private static final int WAITING = 1;
    private static final int NOTIFIED = 2;

    /** The longest single sleep: how late a waiter notices an interrupt or a polling notifier. */
    private static final long CHECK_NANOS = 1_000_000_000L;

    private final SharedMemory memory;
    private final int base;

    private WaitList(Arena.Slot slot) {
        this.memory = slot.memory();
        this.base = slot.offset();
    }

    static WaitList create() {
        WaitList list = new WaitList(Arena.allocate(SIZE));
        Futex.preload();
        list.notePolling();
        return list;
    }

    /** Takes an entry for the calling thread; the caller holds the condition's lock. */
    int enter() {
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < ENTRIES; i++) {
                int at = entry(i);
                int state = memory.getIntAcquire(at);
                // the second pass frees what dead processes left: a notified waiter that died before leaving
                if (state != FREE && pass == 1 && !SharedMemory.isAlive(memory.getIntAcquire(at + 4))) {
                    memory.compareAndSetInt(at, state, FREE);
                    state = memory.getIntAcquire(at);
                }
                if (state == FREE) {
                    memory.setIntVolatile(at + 4, (int) SharedMemory.PID);
                    memory.setIntVolatile(at + 8, memory.getAndAddInt(base + ARRIVALS, 1));
                    memory.setIntVolatile(at, WAITING);
                    return i;
                }
            }
        }
        throw new ProcessError("more than " + ENTRIES + " threads wait on one condition at once");
    }

    /**
     * Sleeps until the entry is notified or {@code nanos} pass (negative: no limit), and returns whether it was
     * notified; a notified waiter then {@link #leave}s. On a time-out the entry is freed here, and an interrupt
     * frees it and raises {@link ProcessError}.
     */
    boolean sleep(int index, long nanos) {
        int at = entry(index);
        long deadline = nanos < 0 ? Long.MAX_VALUE : System.nanoTime() + nanos;
        notePolling();
        for (int round = 0; ; round++) {
            if (memory.getIntAcquire(at) == NOTIFIED) return true;
            long now = System.nanoTime();
            boolean interrupted = Thread.currentThread().isInterrupted();
            if (now - deadline >= 0 || interrupted) {
                // leave, unless a notification got here first: then it is ours
                if (memory.compareAndSetInt(at, WAITING, FREE)) {
                    if (interrupted) throw new ProcessError("interrupted while waiting on a condition");
                    return false;
                }
                continue;
            }
            long sleep = Math.min(deadline - now, CHECK_NANOS);
            if (memory.getIntAcquire(base + POLLED) != 0) sleep = Math.min(sleep, Futex.MAX_PARK_NANOS);
            Futex.await(memory, at, WAITING, sleep, round);
        }
    }

    /** A notified waiter frees its entry (and wakes a notifier waiting for that, see {@link #notify}). */
    void leave(int index) {
        int at = entry(index);
        memory.setIntRelease(at, FREE);
        Futex.wake(memory, at, Integer.MAX_VALUE);
    }

    /**
     * Notifies up to {@code n} live waiters, oldest first; the caller holds the lock. Returns how many. With
     * {@code untilAwake} it returns only once each has left its entry (or died): a schedule must not see a
     * notified process as still asleep.
     */
    int notify(int n, boolean untilAwake) {
        int woken = 0;
        int[] notified = untilAwake ? new int[Math.min(n, ENTRIES)] : null;
        while (woken < n) {
            int oldest = -1;
            int oldestArrival = 0;
            for (int i = 0; i < ENTRIES; i++) {
                int at = entry(i);
                if (memory.getIntAcquire(at) != WAITING) continue;
                int arrival = memory.getIntAcquire(at + 8);
                if (oldest < 0 || arrival - oldestArrival < 0) {
                    oldest = i;
                    oldestArrival = arrival;
                }
            }
            if (oldest < 0) break;
            int at = entry(oldest);
            if (!SharedMemory.isAlive(memory.getIntAcquire(at + 4))) {
                memory.compareAndSetInt(at, WAITING, FREE); // its process is gone: nobody to wake
                continue;
            }
            if (memory.compareAndSetInt(at, WAITING, NOTIFIED)) {
                Futex.wake(memory, at, Integer.MAX_VALUE);
                if (notified != null) notified[woken] = oldest;
                woken++;
            }
            // else it timed out just now: look again
        }
        notePolling();
        for (int i = 0; notified != null && i < woken; i++) awaitLeaving(entry(notified[i]));
        return woken;
    }

    /** Waits while the entry at {@code at} is notified and its process alive. */
    private void awaitLeaving(int at) {
        for (int round = 0; memory.getIntAcquire(at) == NOTIFIED; round++) {
            if (!SharedMemory.isAlive(memory.getIntAcquire(at + 4))) {
                memory.compareAndSetInt(at, NOTIFIED, FREE);
                return;
            }
            long sleep = memory.getIntAcquire(base + POLLED) != 0 ? Futex.MAX_PARK_NANOS : CHECK_NANOS;
            Futex.await(memory, at, NOTIFIED, sleep, round);
        }
    }

    /** Live waiters now, a snapshot (see {@link Condition#waiting()}): a dead process waits for nothing. */
    int waiting() {
        int n = 0;
        for (int i = 0; i < ENTRIES; i++) {
            int at = entry(i);
            if (memory.getIntAcquire(at) == WAITING && SharedMemory.isAlive(memory.getIntAcquire(at + 4))) n++;
        }
        return n;
    }

    private int entry(int index) {
        return base + TABLE + index * ENTRY;
    }

    /** Marks the list if this process polls: futex sleepers elsewhere then poll too, since we cannot wake them. */
    private void notePolling() {
        if (Futex.polling && memory.getIntAcquire(base + POLLED) == 0) memory.setIntVolatile(base + POLLED, 1);
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (memory == null || base < 0 || base + SIZE > memory.size || (base & 63) != 0) {
            throw new java.io.InvalidObjectException("corrupt condition state");
        }
        Futex.preload();
        notePolling();
    }
}
