package org.mpdemo.multiprocessing.managers;

import java.util.List;
import java.util.Map;
import org.mpdemo.multiprocessing.internal.wire.ManagerProtocol;

/** A proxy for a manager's {@code dict}, in insertion order; each call is one round trip to the manager. */
public final class DictProxy<K, V> extends ManagerProxy {
    private static final long serialVersionUID = 1L;

    DictProxy(Ref ref) {
        super(ref);
    }

    /** The value, or {@code null} if there is none. */
    @SuppressWarnings("unchecked")
    public V get(K key) {
        return (V) invoke(ManagerProtocol.M_GET, key);
    }

    /** Sets the value; returns the previous one or {@code null}. */
    @SuppressWarnings("unchecked")
    public V put(K key, V value) {
        return (V) invoke(ManagerProtocol.M_PUT, key, value);
    }

    @SuppressWarnings("unchecked")
    public V remove(K key) {
        return (V) invoke(ManagerProtocol.M_REMOVE, key);
    }

    public boolean containsKey(K key) {
        return (Boolean) invoke(ManagerProtocol.M_CONTAINS, key);
    }

    public int size() {
        return (Integer) invoke(ManagerProtocol.M_SIZE);
    }

    @SuppressWarnings("unchecked")
    public List<K> keys() {
        return (List<K>) invoke(ManagerProtocol.M_KEYS);
    }

    @SuppressWarnings("unchecked")
    public List<V> values() {
        return (List<V>) invoke(ManagerProtocol.M_VALUES);
    }

    /** A copy of the whole dict. */
    @SuppressWarnings("unchecked")
    public Map<K, V> toMap() {
        return (Map<K, V>) invoke(ManagerProtocol.M_COPY);
    }

    public void clear() {
        invoke(ManagerProtocol.M_CLEAR);
    }
}
