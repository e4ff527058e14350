package org.mpdemo.multiprocessing.errors;

import org.mpdemo.multiprocessing.shared.Barrier;

/**
 * A {@link Barrier} was broken — reset or aborted while parties waited, or a wait timed out, or its action
 * failed: CPython's {@code threading.BrokenBarrierError}, which {@code multiprocessing.Barrier} raises too.
 */
public class BrokenBarrierError extends ProcessError {
    private static final long serialVersionUID = 1L;

    public BrokenBarrierError() {
        super("the barrier is broken");
    }

    public BrokenBarrierError(String message) {
        super(message);
    }
}
