package org.mpdemo.multiprocessing.shared;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.mpdemo.multiprocessing.errors.SharingError;
import org.mpdemo.multiprocessing.internal.reduction.Reduction;
import org.mpdemo.multiprocessing.internal.schedule.SwitchPoint;
import org.mpdemo.multiprocessing.internal.shm.SharedMemory;
import org.mpdemo.multiprocessing.trace.Trace;
import org.mpdemo.multiprocessing.trace.TraceEvent;

/**
 * The counting lock every primitive is built on (CPython's {@code _multiprocessing.SemLock}): a value, a bound,
 * and which thread of which process holds it. {@link Lock}, {@link RLock}, {@link Semaphore} and
 * {@link BoundedSemaphore} are SemLocks; {@link Condition} and {@link Event} are composed of them.
 *
 * <p>Its state lives in {@link SharedMemory} ({@link SemState}). It serializes only in process-start context
 * ({@link Reduction#assertSpawning}), handing over that state, so the child works on the same lock — not a copy;
 * anywhere else it raises {@link SharingError} naming the public type.
 */
abstract class SemLock implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final AtomicLong IDS = new AtomicLong();
    static final int SEM_VALUE_MAX = Integer.MAX_VALUE;

    final Kind kind;
    final int maxvalue;
    /** Unique across processes: the trace's {@code obj}. */
    final String id;
    /** False for plumbing — a Condition's or Event's own semaphores, a Value's lock during get/set. */
    final boolean traced;
    private final SemState state;
    /** What {@link #hold()} returns. */
    private transient Held releaser;
    /** Under a schedule: whether an acquire by the calling thread would succeed now. */
    private transient BooleanSupplier couldAcquire;

    enum Kind { SEMAPHORE, RECURSIVE_MUTEX }

    SemLock(Kind kind, int value, int maxvalue) {
        this(kind, value, maxvalue, true, false);
    }

    SemLock(Kind kind, int value, int maxvalue, boolean traced) {
        this(kind, value, maxvalue, traced, false);
    }

    /**
     * @param oneHolder whether it is a lock, with one holder at a time (Lock, RLock): waiters then watch that the
     *                  holder is still alive (SemState's dead-holder check)
     */
    SemLock(Kind kind, int value, int maxvalue, boolean traced, boolean oneHolder) {
        if (value < 0) throw new IllegalArgumentException("semaphore initial value must be >= 0");
        if (value > maxvalue) throw new IllegalArgumentException("semaphore initial value exceeds its bound");
        this.kind = kind;
        this.maxvalue = maxvalue;
        this.traced = traced;
        this.id = getClass().getSimpleName().toLowerCase() + "-" + ProcessHandle.current().pid() + "-"
                + IDS.incrementAndGet();
        this.state = SemState.create(value, oneHolder ? getClass().getSimpleName() : null, id);
    }

    /** Blocks until acquired; returns {@code true}. */
    public boolean acquire() {
        // the common case in as few calls as possible: a child's loop runs interpreted for its first thousands
        // of iterations, where every call counts
        // an RLock too: if this thread held it already, its value would be 0 and tryDown would fail
        if (!SwitchPoint.ACTIVE && state.tryDown()) {
            state.own(Owner.current());
            trace(traced, TraceEvent.ACQUIRE);
            return true;
        }
        return acquire(true, -1, traced);
    }

    /** Python's {@code acquire(block)}: with {@code block=false}, returns at once whether it was acquired. */
    public boolean acquire(boolean block) {
        return acquire(block, -1);
    }

    /**
     * Python's {@code acquire(block, timeout)}: waits at most {@code timeout} seconds (negative: no limit) and
     * returns whether it was acquired.
     */
    public boolean acquire(boolean block, double timeout) {
        return acquire(block, timeout, traced);
    }

    /**
     * {@code trace}: record {@code acquire-wait} (about to block) and {@code acquire} (acquired) — the trace's
     * view of who waited and who held what.
     */
    boolean acquire(boolean block, double timeout, boolean trace) {
        long me = Owner.current();
        boolean scheduled = trace && SwitchPoint.ACTIVE && SwitchPoint.reachedAcquire(id, couldAcquire());
        if (kind == Kind.RECURSIVE_MUTEX && state.heldBy(me)) {
            state.recurse(1);
            return true;
        }
        boolean got = state.tryDown();
        // under a schedule, an acquire that would block goes back to the scheduler instead of sleeping here
        while (!got && scheduled && block && SwitchPoint.wouldBlock(id, couldAcquire())) got = state.tryDown();
        if (!got) {
            long nanos = !block ? 0 : timeout < 0 ? -1 : (long) (timeout * 1e9);
            if (nanos == 0) return false;
            trace(trace, TraceEvent.ACQUIRE_WAIT);
            if (!state.downSlowly(nanos)) return false;
        }
        state.own(me);
        trace(trace, TraceEvent.ACQUIRE);
        return true;
    }

    private BooleanSupplier couldAcquire() {
        BooleanSupplier c = couldAcquire;
        if (c == null) {
            couldAcquire = c = () -> state.value() > 0
                    || (kind == Kind.RECURSIVE_MUTEX && state.heldBy(Owner.current()));
        }
        return c;
    }

    /** Records {@code event} for this primitive when {@code on} and tracing is enabled. */
    private void trace(boolean on, TraceEvent event) {
        // guarded: otherwise the arguments (type name, varargs array) are built on every call
        if (on && Trace.enabled()) Trace.event(event, "obj", id, "kind", getClass().getSimpleName());
    }

    /** Releases one level; see each type for who may release. */
    public void release() {
        release(traced);
    }

    void release(boolean trace) {
        if (trace) SwitchPoint.reached(TraceEvent.RELEASE, id);
        if (kind == Kind.RECURSIVE_MUTEX) {
            if (!state.heldBy(Owner.current())) {
                throw new IllegalStateException("attempt to release recursive lock not owned by thread");
            }
            if (state.count() > 1) {
                state.recurse(-1);
                return;
            }
        } else if (maxvalue != SEM_VALUE_MAX && state.value() >= maxvalue) {
            throw new IllegalStateException("semaphore or lock released too many times");
        }
        trace(trace, TraceEvent.RELEASE);
        state.disown();
        // the check above is advisory (two releasers can both pass it); the bounded CAS in up() is the guarantee
        if (!state.up(maxvalue)) throw new IllegalStateException("semaphore or lock released too many times");
    }

    /** {@code try (var held = lock.hold()) { … }}: Python's {@code with lock:}. */
    public Held hold() {
        acquire();
        Held h = releaser;
        if (h == null) releaser = h = this::release; // one per lock, not one per hold (a benign race)
        return h;
    }

    boolean isMine() {
        return state.heldBy(Owner.current());
    }

    /** How many times the calling thread holds it (RLock recursion; 1 for a held Lock). */
    int count() {
        return isMine() ? state.count() : 0;
    }

    int rawValue() {
        return state.value();
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        Reduction.assertSpawning(this);
        out.defaultWriteObject();
    }

    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + "(" + id + ", value=" + state.value() + ")>";
    }

    /** Who holds a lock: process id in the high bits, thread id in the low ones. */
    static final class Owner {
        private static final long PID = ProcessHandle.current().pid();

        private Owner() {
        }

        @SuppressWarnings("deprecation")
        static long current() {
            return (PID << 32) ^ Thread.currentThread().getId();
        }
    }
}
