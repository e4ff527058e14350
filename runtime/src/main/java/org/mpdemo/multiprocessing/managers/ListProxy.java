package org.mpdemo.multiprocessing.managers;

import java.util.ArrayList;
import java.util.List;
import org.mpdemo.multiprocessing.internal.wire.ManagerProtocol;

/** A proxy for a manager's {@code list}; each call is one round trip to the manager. */
public final class ListProxy<T> extends ManagerProxy {
    private static final long serialVersionUID = 1L;

    ListProxy(Ref ref) {
        super(ref);
    }

    /** Element {@code i}; negative counts from the end, as in Python. */
    @SuppressWarnings("unchecked")
    public T get(int i) {
        return (T) invoke(ManagerProtocol.M_GET, i);
    }

    @SuppressWarnings("unchecked")
    public T set(int i, T value) {
        return (T) invoke(ManagerProtocol.M_SET, i, value);
    }

    /** Python's {@code append}. */
    public void add(T value) {
        invoke(ManagerProtocol.M_APPEND, value);
    }

    /** Python's {@code extend}. */
    public void addAll(List<? extends T> values) {
        invoke(ManagerProtocol.M_EXTEND, new ArrayList<>(values));
    }

    /** Removes and returns element {@code i} (Python's {@code pop(i)}). */
    @SuppressWarnings("unchecked")
    public T remove(int i) {
        return (T) invoke(ManagerProtocol.M_DELETE, i);
    }

    public boolean contains(T value) {
        return (Boolean) invoke(ManagerProtocol.M_CONTAINS, value);
    }

    public int size() {
        return (Integer) invoke(ManagerProtocol.M_SIZE);
    }

    /** A copy of the whole list. */
    @SuppressWarnings("unchecked")
    public List<T> toList() {
        return (List<T>) invoke(ManagerProtocol.M_COPY);
    }

    public void clear() {
        invoke(ManagerProtocol.M_CLEAR);
    }
}
