package org.mpdemo.multiprocessing.managers;

import org.mpdemo.multiprocessing.internal.wire.ManagerProtocol;
import org.mpdemo.multiprocessing.shared.BoundedSemaphore;
import org.mpdemo.multiprocessing.shared.Semaphore;

/**
 * A proxy for a manager's {@code Semaphore} or {@code BoundedSemaphore}: {@link #acquire()}, {@link #release()},
 * {@link #hold()} as a lock's, and {@link #getValue()}.
 */
public final class SemaphoreProxy extends LockProxy {
    private static final long serialVersionUID = 1L;

    SemaphoreProxy(Ref ref) {
        super(ref);
    }

    /** The current value. */
    public int getValue() {
        return callInt(ManagerProtocol.SEM_VALUE);
    }
}
