package org.mpdemo.multiprocessing.internal.schedule;

import java.util.function.BooleanSupplier;
import org.mpdemo.multiprocessing.internal.shm.SharedMemory;
import org.mpdemo.multiprocessing.trace.TraceEvent;

/**
 * A child's side of a schedule: every access to shared state that can race calls {@link #reached} first, and
 * while a schedule is in force the process stops there until the {@link Scheduler} in the main process lets
 * that one access go.
 *
 * <p>Without a schedule, {@link #ACTIVE} is false from class initialization on, a constant the JIT folds: a
 * switch point is then one never-taken branch. A process not in the schedule's round (the main process, a
 * process started by a child) finds no slot of its own and goes on.
 */
public final class SwitchPoint {
    /** Set by the main process's scheduler, and passed on to every child it starts. */
    static final String SEGMENT_PROPERTY = "mpdemo.schedule.segment";
    /** Whether this process may be scheduled at all. */
    public static final boolean ACTIVE = System.getProperty(SEGMENT_PROPERTY) != null;

    /** Per thread, how deep it is in {@link #quiet} regions; only under a schedule. */
    private static final ThreadLocal<int[]> QUIET = ACTIVE ? new Depth() : null;
    private static volatile Board board;
    /** This process's slot, -1 when it is not scheduled, -2 before it was looked up. */
    private static volatile int slot = -2;

    private SwitchPoint() {
    }

    /** A named class, not a lambda: a child's first lambda costs it milliseconds of start-up. */
    private static final class Depth extends ThreadLocal<int[]> {
        @Override
        protected int[] initialValue() {
            return new int[1];
        }
    }

    /**
     * Waits, under a schedule, to be let go to make {@code access} on {@code obj}; returns whether this process
     * is scheduled (false at once without a schedule, inside {@link #quiet} or once the schedule has run out).
     */
    public static boolean reached(TraceEvent access, String obj) {
        if (!ACTIVE) return false;
        return stop(access, obj, Board.AT_POINT, null);
    }

    /**
     * As {@link #reached}, for an acquire: {@code couldGo} says whether it would succeed now, so that a search
     * over schedules skips the choices where it would block instead of trying them.
     */
    public static boolean reachedAcquire(String obj, BooleanSupplier couldGo) {
        if (!ACTIVE) return false;
        return stop(TraceEvent.ACQUIRE, obj, Board.AT_POINT, couldGo);
    }

    /**
     * After a scheduled acquire found the primitive taken: tells the scheduler, and waits for another turn.
     * Returns true to try again, false once the schedule has run out (then the caller blocks as usual).
     */
    public static boolean wouldBlock(String obj, BooleanSupplier couldGo) {
        return stop(TraceEvent.ACQUIRE, obj, Board.WOULD_BLOCK, couldGo);
    }

    /**
     * Around the plumbing of a primitive that is one step of the program (a barrier's wait): its own lock and
     * condition are then no switch points. {@code quiet(true)} before, {@code quiet(false)} after.
     */
    public static void quiet(boolean on) {
        if (ACTIVE) QUIET.get()[0] += on ? 1 : -1;
    }

    /**
     * Around a wait on a condition, which a schedule cannot end: the scheduler counts this process as asleep
     * ({@code true}) until it is awake again ({@code false}).
     */
    public static void sleeping(boolean asleep) {
        if (!ACTIVE) return;
        int me = mySlot();
        if (me < 0 || QUIET.get()[0] > 0) return;
        board.setState(me, asleep ? Board.WAITING : Board.RUNNING);
        board.changed();
    }

    /** The target returned: this process makes no more scheduled accesses. */
    public static void ended() {
        if (!ACTIVE) return;
        int me = mySlot();
        if (me < 0) return;
        board.setState(me, Board.ENDED);
        board.changed();
    }

    private static boolean stop(TraceEvent access, String obj, int state, BooleanSupplier couldGo) {
        int me = mySlot();
        if (me < 0 || QUIET.get()[0] > 0) return false;
        Board b = board;
        if (b.free()) return false;
        int seen = b.grant(me);
        b.setAccess(me, access.ordinal(), obj, caller());
        b.setState(me, state);
        b.changed();
        b.awaitGrant(me, seen, couldGo);
        return !b.free();
    }

    /** The program's line that makes this access: the first frame outside the runtime, as File.java:37. */
    private static String caller() {
        return StackWalker.getInstance().walk(frames -> frames
                .filter(f -> !f.getClassName().startsWith("org.mpdemo.multiprocessing."))
                .findFirst()
                .map(f -> f.getFileName() + ":" + f.getLineNumber())
                .orElse("?"));
    }

    private static int mySlot() {
        int s = slot;
        if (s != -2) return s;
        synchronized (SwitchPoint.class) {
            if (slot == -2) {
                Board b = new Board(SharedMemory.attach(System.getProperty(SEGMENT_PROPERTY)));
                board = b;
                slot = b.indexOf(SharedMemory.PID);
            }
            return slot;
        }
    }
}
