package org.mpdemo.multiprocessing.managers;

import org.mpdemo.multiprocessing.internal.wire.ManagerProtocol;
import org.mpdemo.multiprocessing.shared.Value;

/**
 * A proxy for a manager's {@code Value}: {@link #get()} and {@link #set} are Python's {@code value.value}.
 *
 * <p>Each is one call to the manager, so {@code v.set(v.get() + 1)} is two calls, and another process can change
 * the value between them: increments get lost. Hold {@link #getLock()} around the two calls to make them one step.
 */
public final class ValueProxy<T> extends ManagerProxy {
    private static final long serialVersionUID = 1L;

    ValueProxy(Ref ref) {
        super(ref);
    }

    @SuppressWarnings("unchecked")
    public T get() {
        begin(ManagerProtocol.GET);
        return (T) ManagerProtocol.decode(ManagerProtocol.rest(call()));
    }

    /** Sets the value; one of the typecode's type (see {@link Manager#value}). */
    public void set(T value) {
        byte[] encoded = ManagerProtocol.encode(value);
        begin(ManagerProtocol.VALUE_SET).put(encoded);
        call();
    }

    /** A recursive lock the manager keeps with this value (as {@code multiprocessing.Value}'s {@code get_lock()}). */
    public LockProxy getLock() {
        return (LockProxy) sibling(ManagerProtocol.RLOCK, aux);
    }
}
