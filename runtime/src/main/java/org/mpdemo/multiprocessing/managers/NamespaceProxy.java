package org.mpdemo.multiprocessing.managers;

import java.util.Map;
import org.mpdemo.multiprocessing.internal.wire.ManagerProtocol;

/**
 * A proxy for a manager's {@code Namespace}: named attributes any process can read and set. Reading or deleting
 * a missing one raises {@link java.util.NoSuchElementException} with Python's {@code AttributeError} message.
 */
public final class NamespaceProxy extends ManagerProxy {
    private static final long serialVersionUID = 1L;

    NamespaceProxy(Ref ref) {
        super(ref);
    }

    @SuppressWarnings("unchecked")
    public <T> T get(String name) {
        return (T) invoke(ManagerProtocol.M_GET, name);
    }

    public void set(String name, Object value) {
        invoke(ManagerProtocol.M_PUT, name, value);
    }

    public void delete(String name) {
        invoke(ManagerProtocol.M_REMOVE, name);
    }

    /** A copy of every attribute. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> toMap() {
        return (Map<String, Object>) invoke(ManagerProtocol.M_COPY);
    }
}
