package org.mpdemo.multiprocessing.managers;

import java.util.Arrays;
import java.util.List;
import org.mpdemo.multiprocessing.internal.wire.ManagerProtocol;

/** A proxy for a manager's {@code Array} of one typecode; each call is one round trip to the manager. */
public final class ArrayProxy<T> extends ManagerProxy {
    private static final long serialVersionUID = 1L;

    ArrayProxy(Ref ref) {
        super(ref);
    }

    /** Element {@code i}; negative counts from the end, as in Python. */
    @SuppressWarnings("unchecked")
    public T get(int i) {
        return (T) invoke(ManagerProtocol.M_GET, i);
    }

    public void set(int i, T value) {
        invoke(ManagerProtocol.M_SET, i, value);
    }

    public int length() {
        return (Integer) invoke(ManagerProtocol.M_SIZE);
    }

    /** A copy of the whole array. */
    @SuppressWarnings("unchecked")
    public List<T> toList() {
        return (List<T>) Arrays.asList((Object[]) invoke(ManagerProtocol.M_COPY));
    }
}
