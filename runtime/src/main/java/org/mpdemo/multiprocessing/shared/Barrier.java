package org.mpdemo.multiprocessing.shared;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicLong;
import org.mpdemo.multiprocessing.Task;
import org.mpdemo.multiprocessing.errors.BrokenBarrierError;
import org.mpdemo.multiprocessing.errors.ProcessError;
import org.mpdemo.multiprocessing.errors.SharingError;
import org.mpdemo.multiprocessing.internal.reduction.Reduction;
import org.mpdemo.multiprocessing.internal.schedule.SwitchPoint;
import org.mpdemo.multiprocessing.internal.shm.Arena;
import org.mpdemo.multiprocessing.internal.shm.SharedMemory;
import org.mpdemo.multiprocessing.trace.Trace;
import org.mpdemo.multiprocessing.trace.TraceEvent;

/**
 * A barrier for a fixed number of parties (CPython's {@code multiprocessing.Barrier}, which is
 * {@code threading.Barrier} over a process-shared condition and two shared ints): each party calls
 * {@link #await()}; all of them wait until the last one arrives, then all go on.
 *
 * <pre>{@code
 * Barrier barrier = new Barrier(3);
 * new Process(Demo::worker, barrier).start();   // worker: ...; int i = barrier.await(); ...
 * }</pre>
 *
 * <ul>
 *   <li>{@link #await()} returns the arrival index, from 0 to {@code parties - 1}, different for each party of a
 *   round. The barrier can be used again for the next round.</li>
 *   <li>An {@code action} given to the constructor runs once per round, in the last party to arrive, before any
 *   party is released. If it throws, the barrier breaks and that party gets the exception (a checked exception
 *   wrapped in {@link ProcessError}); the others get {@link BrokenBarrierError}.</li>
 *   <li>A wait that times out (the argument of {@code await}, else the constructor's default; negative: none)
 *   breaks the barrier and raises {@link BrokenBarrierError}, in every waiting party.</li>
 *   <li>{@link #abort()} breaks it: waiting and future {@code await} calls raise {@link BrokenBarrierError} until
 *   {@link #reset()}, which also makes parties waiting at that moment raise {@link BrokenBarrierError}.</li>
 * </ul>
 *
 * <p>The state lives in shared memory and the condition is a shared {@link Condition}, so the barrier is the same
 * in every process it is passed to at process start; like the other primitives it refuses to be serialized
 * anywhere else ({@link SharingError}).
 */
public class Barrier implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final AtomicLong IDS = new AtomicLong();

    // the round's phase, as in threading.Barrier
    private static final int FILLING = 0;
    private static final int DRAINING = 1;
    private static final int RESETTING = -1;
    private static final int BROKEN = -2;

    private static final int STATE = 0;
    private static final int COUNT = 4;

    private final int parties;
    private final Task.Run0 action;
    private final double timeout;
    // plumbing, untraced: a timeline shows one wait at the barrier, not its condition's lock and waits
    private final Condition condition = new Condition(Lock.untraced(), false);
    final String id = "barrier-" + ProcessHandle.current().pid() + "-" + IDS.incrementAndGet();
    private final SharedMemory memory;
    private final int base;

    /** A barrier for {@code parties} parties, without action or default timeout. */
    public Barrier(int parties) {
        this(parties, null, -1);
    }

    /** A barrier whose {@code action} (may be null) runs in the last party of each round. */
    public Barrier(int parties, Task.Run0 action) {
        this(parties, action, -1);
    }

    /** Python's {@code Barrier(parties, action, timeout)}; {@code timeout} in seconds, negative for none. */
    public Barrier(int parties, Task.Run0 action, double timeout) {
        if (parties < 1) throw new IllegalArgumentException("parties must be >= 1");
        this.parties = parties;
        this.action = action;
        this.timeout = timeout;
        Arena.Slot slot = Arena.allocate(8);
        this.memory = slot.memory();
        this.base = slot.offset();
    }

    private int state() {
        return memory.getIntVolatile(base + STATE);
    }

    private void state(int state) {
        memory.setIntVolatile(base + STATE, state);
    }

    private int count() {
        return memory.getIntVolatile(base + COUNT);
    }

    private void count(int count) {
        memory.setIntVolatile(base + COUNT, count);
    }

    /** Waits for the other parties with the default timeout; returns this party's arrival index. */
    public int await() {
        return await(timeout);
    }

    /**
     * Waits for the other parties at most {@code timeout} seconds (negative: no limit); returns this party's
     * arrival index. Raises {@link BrokenBarrierError} if the barrier is or becomes broken, or on timeout.
     */
    public int await(double timeout) {
        // one step of the program: under a schedule, the barrier's own lock and condition are no switch points
        SwitchPoint.quiet(true);
        boolean traced = Trace.enabled();
        if (traced) Trace.event(TraceEvent.WAIT, "obj", id, "kind", "Barrier");
        try (var held = condition.hold()) {
            // a previous round is still draining, or a reset is in progress: wait until it is over
            while (state() == DRAINING || state() == RESETTING) condition.await();
            if (state() < 0) throw new BrokenBarrierError();
            int index = count();
            count(index + 1);
            try {
                if (index + 1 == parties) {
                    trip();
                } else {
                    waitForTrip(timeout);
                }
                return index;
            } finally {
                count(count() - 1);
                leave();
            }
        } finally {
            if (traced) Trace.event(TraceEvent.WAKE, "obj", id, "kind", "Barrier");
            SwitchPoint.quiet(false);
        }
    }

    /** The last party: run the action, then release everyone. */
    private void trip() {
        try {
            if (action != null) action.run();
            state(DRAINING);
            condition.signalAll();
        } catch (RuntimeException | Error e) {
            breakBarrier();
            throw e;
        } catch (Exception e) {
            breakBarrier();
            throw new ProcessError("barrier action failed: " + e, e);
        }
    }

    private void waitForTrip(double timeout) {
        if (!condition.waitFor(() -> state() != FILLING, timeout)) {
            breakBarrier();
            throw new BrokenBarrierError("timed out waiting at the barrier; it is now broken");
        }
        if (state() < 0) throw new BrokenBarrierError();
    }

    /** The last party out of a draining or resetting round reopens the barrier. */
    private void leave() {
        if (count() == 0 && (state() == DRAINING || state() == RESETTING)) {
            state(FILLING);
            condition.signalAll();
        }
    }

    /**
     * Python's {@code reset()}: back to the empty, unbroken state. Parties waiting right now raise
     * {@link BrokenBarrierError}.
     */
    public void reset() {
        try (var held = condition.hold()) {
            if (count() > 0) {
                if (state() == FILLING || state() == BROKEN) state(RESETTING);
                // while DRAINING, the round completes normally and the last one out reopens the barrier
            } else {
                state(FILLING);
            }
            condition.signalAll();
        }
    }

    /** Python's {@code abort()}: breaks the barrier; waiting and later {@code await} calls fail until reset. */
    public void abort() {
        try (var held = condition.hold()) {
            breakBarrier();
        }
    }

    private void breakBarrier() {
        state(BROKEN);
        condition.signalAll();
    }

    /** How many parties it waits for. */
    public int parties() {
        return parties;
    }

    /**
     * Python's {@code n_waiting}: parties currently waiting in this round. A monitoring method, as
     * {@link java.util.concurrent.CyclicBarrier#getNumberWaiting} is: a snapshot for tests and reports (to see
     * that every other party has arrived), not for synchronization control.
     */
    public int nWaiting() {
        return state() == FILLING ? count() : 0;
    }

    /** Python's {@code broken}. */
    public boolean isBroken() {
        return state() == BROKEN;
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        Reduction.assertSpawning(this);
        out.defaultWriteObject();
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (parties < 1 || memory == null || base < 0 || base + 8 > memory.size) {
            throw new InvalidObjectException("corrupt Barrier");
        }
    }

    @Override
    public String toString() {
        return isBroken() ? "<Barrier: broken>" : "<Barrier: waiters=" + nWaiting() + "/" + parties + ">";
    }
}
