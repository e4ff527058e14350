package org.mpdemo.multiprocessing.managers;

import org.mpdemo.multiprocessing.internal.wire.ManagerProtocol;

/** A proxy for a manager's {@code Event}: a flag that, unlike a notification, is not lost if set early. */
public final class EventProxy extends ManagerProxy {
    private static final long serialVersionUID = 1L;

    EventProxy(Ref ref) {
        super(ref);
    }

    public boolean isSet() {
        return callBoolean(ManagerProtocol.IS_SET);
    }

    public void set() {
        callVoid(ManagerProtocol.SET);
    }

    public void clear() {
        callVoid(ManagerProtocol.CLEAR);
    }

    /** Waits until the flag is set; returns {@code true}. */
    public boolean await() {
        return await(-1);
    }

    /** Waits at most {@code timeout} seconds (negative: no limit); returns whether the flag is set. */
    public boolean await(double timeout) {
        begin(ManagerProtocol.WAIT).ensure(8).putDouble(timeout);
        return call().get() != 0;
    }
}
