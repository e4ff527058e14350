package org.mpdemo.multiprocessing.shared;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import org.mpdemo.multiprocessing.errors.ProcessError;
import org.mpdemo.multiprocessing.internal.shm.Arena;
import org.mpdemo.multiprocessing.internal.shm.Futex;
import org.mpdemo.multiprocessing.internal.shm.SharedMemory;
import org.mpdemo.multiprocessing.trace.Trace;
import org.mpdemo.multiprocessing.trace.TraceEvent;

/**
 * Where a {@link SemLock} keeps its value, owner and recursion count: a 64-byte slot of {@link SharedMemory}.
 * Serializing a SemLock (in process-start context) hands over the slot, so every process that received it works
 * on the same words: the lock is the same object everywhere, as in CPython.
 *
 * <h2>Slot layout (native byte order)</h2>
 * <pre>
 *  0  int  value     the semaphore's count, and the futex word waiters sleep on
 *  4  int  waiters   how many threads (of any process) are registered to sleep on value
 *  8  long owner     pid &lt;&lt; 32 ^ thread id of the holder (see SemLock.Owner); 0 when released
 * 16  int  count     recursion depth of the holder: 1, more only while an RLock is re-acquired
 * 20  int  polled    1 once a process without futex (see Futex#polling) used it: sleepers then poll too
 * </pre>
 *
 * <p>How the words are used — the futex wait/wake protocol, the holder, dead-holder detection — is the overview
 * in this package's {@code package-info.java}. In short: {@code down} and {@code up} are CASes on value; a waiter
 * registers in {@code waiters} and sleeps on value with {@code FUTEX_WAIT}; {@code up} wakes one when
 * {@code waiters > 0}; {@code count} starts at 1 and only an {@link RLock}'s holder changes it, so taking a lock
 * is one store, whatever its kind. For a {@link Semaphore} with several holders, {@code owner} is merely the
 * last one. A waiter on a {@link Lock} or {@link RLock} (created with a {@code type} label) looks every
 * {@value #CHECK_MILLIS} ms whether the holder's process still exists, and reports once if it does not — or,
 * after 10 s, if it exists but is stopped.
 *
 * <h2>Limits</h2>
 * {@link Thread#interrupt()} does not end a futex sleep: a blocked thread notices its interrupt within
 * {@value #CHECK_MILLIS} ms (then raises {@link ProcessError}, as before). A process killed while registered as a
 * waiter leaves {@code waiters} one too high: still correct, but every later release of that primitive makes a
 * useless {@code FUTEX_WAKE} system call.
 */
final class SemState implements Serializable {
    private static final long serialVersionUID = 2L;

    static final int SIZE = 64;
    private static final int VALUE = 0;
    private static final int WAITERS = 4;
    private static final int OWNER = 8;
    private static final int COUNT = 16;
    private static final int POLLED = 20;
    static final long CHECK_MILLIS = 1000;
    /**
     * Looks at the value this many times before registering to sleep: covers quick hand-overs from a holder
     * running on another CPU. With one CPU to run on, the holder cannot run while we spin: no spinning at all.
     */
    private static final int SPINS = Runtime.getRuntime().availableProcessors() > 1 ? 100 : 0;

    private final SharedMemory memory;
    private final int base;
    /** Public type and id for the dead-holder message; null when holders are not watched. */
    private final String type;
    private final String id;
    /** The dead holder this process already reported. */
    private transient volatile long reportedPid;
    /** The stopped holder this process already reported. */
    private transient volatile long reportedStoppedPid;

    private SemState(Arena.Slot slot, String type, String id) {
        this.memory = slot.memory();
        this.base = slot.offset();
        this.type = type;
        this.id = id;
    }

    /** An unwatched state with {@code value} units. */
    static SemState create(int value) {
        return create(value, null, null);
    }

    /**
     * A state with {@code value} units; when {@code type} is not null, waiters report a holder that died
     * ({@code "<type> <id> is held by process …"}).
     */
    static SemState create(int value, String type, String id) {
        SemState state = new SemState(Arena.allocate(SIZE), type, id);
        state.memory.setIntVolatile(state.base + COUNT, 1);
        state.memory.setIntVolatile(state.base + VALUE, value);
        Futex.preload();
        state.notePolling();
        return state;
    }

    /** Takes one unit, waiting up to {@code nanos} (0: not at all, negative: for ever). */
    boolean down(long nanos) {
        if (tryDown()) return true;
        if (nanos == 0) return false;
        return downSlowly(nanos);
    }

    boolean tryDown() {
        if (memory.compareAndSetInt(base + VALUE, 1, 0)) return true; // a free lock: one atomic instruction
        int v;
        while ((v = memory.getIntVolatile(base + VALUE)) > 0) {
            if (memory.compareAndSetInt(base + VALUE, v, v - 1)) return true;
        }
        return false;
    }

    boolean downSlowly(long nanos) {
        long start = System.nanoTime();
        long deadline = nanos < 0 ? Long.MAX_VALUE : start + nanos;
        for (int i = 0; i < SPINS; i++) {
            Thread.onSpinWait();
            if (tryDown()) return true;
        }
        long nextCheck = start + CHECK_MILLIS * 1_000_000;
        notePolling();
        memory.getAndAddInt(base + WAITERS, 1);
        try {
            for (int round = 0; ; round++) {
                if (tryDown()) return true;
                long now = System.nanoTime();
                if (now - nextCheck >= 0) { // before the deadline test: a late wake-up must not skip it
                    if (type != null) checkHolder(now - start);
                    nextCheck = now + CHECK_MILLIS * 1_000_000;
                }
                if (now - deadline >= 0) return false;
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    throw new ProcessError("interrupted while waiting to acquire");
                }
                // sleep at most until the next holder check, which also bounds how late an interrupt is seen;
                // and briefly if a process that cannot wake us uses this state
                long sleep = Math.min(deadline - now, nextCheck - now);
                if (memory.getIntAcquire(base + POLLED) != 0) sleep = Math.min(sleep, Futex.MAX_PARK_NANOS);
                Futex.await(memory, base + VALUE, 0, sleep, round);
            }
        } finally {
            memory.getAndAddInt(base + WAITERS, -1);
        }
    }

    /** Adds one unit unless that would exceed {@code maxvalue}; returns whether it did. */
    boolean up(int maxvalue) {
        int v;
        do {
            v = memory.getIntVolatile(base + VALUE);
            if (v >= maxvalue) return false;
        } while (!memory.compareAndSetInt(base + VALUE, v, v + 1));
        if (memory.getIntVolatile(base + WAITERS) > 0) Futex.wake(memory, base + VALUE, 1);
        notePolling();
        return true;
    }

    /** Marks the state if this process polls: futex sleepers elsewhere then poll too, since we cannot wake them. */
    private void notePolling() {
        if (Futex.polling && memory.getIntAcquire(base + POLLED) == 0) memory.setIntVolatile(base + POLLED, 1);
    }

    int value() {
        return memory.getIntVolatile(base + VALUE);
    }

    /** Registered sleepers (for tests and toString). */
    int waiters() {
        return memory.getIntVolatile(base + WAITERS);
    }

    /** Records the calling thread as holder (its recursion depth is already 1). */
    void own(long who) {
        memory.setLongRelease(base + OWNER, who);
    }

    /** Clears the holder; called before the unit is given back. */
    void disown() {
        memory.setLongRelease(base + OWNER, 0);
    }

    /** Changes the recursion depth; only the owning thread calls it. */
    void recurse(int delta) {
        memory.setIntRelease(base + COUNT, memory.getIntAcquire(base + COUNT) + delta);
    }

    /** Whether {@code who} holds it (see the class comment). */
    boolean heldBy(long who) {
        return memory.getLongAcquire(base + OWNER) == who;
    }

    long owner() {
        return memory.getLongAcquire(base + OWNER);
    }

    /** The recursion depth; meaningful only to the holder. */
    int count() {
        return memory.getIntAcquire(base + COUNT);
    }

    /**
     * After {@code waited} ns of waiting: is the holder dead (said at once), or stopped (SIGSTOP, state T in
     * /proc/PID/stat; said once the wait reaches {@link #stoppedHolderMillis})? CPython says neither.
     */
    private void checkHolder(long waited) {
        long pid = memory.getLongAcquire(base + OWNER) >>> 32;
        if (pid == 0 || pid == SharedMemory.PID || pid == reportedPid || value() > 0) return;
        if (SharedMemory.isAlive(pid)) {
            if (pid != reportedStoppedPid && waited >= stoppedHolderMillis() * 1_000_000
                    && SharedMemory.stopped(pid)) {
                reportedStoppedPid = pid;
                System.err.println("mpdemo: " + type + " " + id + " is held by process " + pid + ", which is "
                        + "stopped (SIGSTOP); waiting processes wait until it is continued (kill -CONT " + pid + ")");
                System.err.flush();
                Trace.event(TraceEvent.STOPPED_HOLDER, "obj", id, "kind", type, "holder", pid);
            }
            return;
        }
        reportedPid = pid;
        System.err.println("mpdemo: " + type + " " + id + " is held by process " + pid
                + ", which died holding it; waiting processes will wait for ever");
        System.err.flush();
        Trace.event(TraceEvent.DEAD_HOLDER, "obj", id, "kind", type, "holder", pid);
    }

    /** How long a waiter waits on a stopped holder before it says so: 10 s ({@code -Dmpdemo.stoppedHolderMillis}). */
    private static long stoppedHolderMillis() {
        return Long.getLong("mpdemo.stoppedHolderMillis", 10_000);
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (memory == null || base < 0 || base + SIZE > memory.size || (base & 63) != 0) {
            throw new java.io.InvalidObjectException("corrupt semaphore state");
        }
        Futex.preload();
        notePolling();
    }
}
