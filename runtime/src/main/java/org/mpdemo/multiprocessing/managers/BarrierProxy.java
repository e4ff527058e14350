package org.mpdemo.multiprocessing.managers;

import java.nio.ByteBuffer;
import java.util.concurrent.BrokenBarrierException;
import org.mpdemo.multiprocessing.errors.BrokenBarrierError;
import org.mpdemo.multiprocessing.internal.schedule.SwitchPoint;
import org.mpdemo.multiprocessing.internal.wire.ManagerProtocol;
import org.mpdemo.multiprocessing.shared.Barrier;

/**
 * A proxy for a manager's {@code Barrier}: {@link #await()} returns once {@link #parties()} threads, in any
 * processes, have called it. As in Python, a timeout, {@link #abort()} or {@link #reset()} breaks the barrier
 * for those waiting ({@link BrokenBarrierException}, Python's {@code BrokenBarrierError}).
 */
public final class BarrierProxy extends ManagerProxy {
    private static final long serialVersionUID = 1L;

    BarrierProxy(Ref ref) {
        super(ref);
    }

    /** Waits for the other parties; returns this party's arrival index, 0 for the first. */
    public int await() throws BrokenBarrierException {
        return await(-1);
    }

    /** Waits at most {@code timeout} seconds (negative: no limit), after which the barrier is broken. */
    public int await(double timeout) throws BrokenBarrierException {
        // one step of the program, as a shared Barrier's wait: under a schedule it is no switch point, so a
        // round's processes all reach the start line before the schedule's first access
        SwitchPoint.quiet(true);
        try {
            begin(ManagerProtocol.BARRIER_WAIT).ensure(8).putDouble(timeout);
            return call().getInt();
        } finally {
            SwitchPoint.quiet(false);
        }
    }

    public int parties() {
        return state().getInt(0);
    }

    /** How many are waiting now (Python's {@code n_waiting}). */
    public int nWaiting() {
        return state().getInt(4);
    }

    public boolean isBroken() {
        return state().get(8) != 0;
    }

    /** Breaks the barrier: those waiting, and later callers until {@link #reset()}, fail. */
    public void abort() {
        callVoid(ManagerProtocol.BARRIER_ABORT);
    }

    public void reset() {
        callVoid(ManagerProtocol.BARRIER_RESET);
    }

    private ByteBuffer state() {
        begin(ManagerProtocol.BARRIER_STATE);
        return call().slice();
    }
}
