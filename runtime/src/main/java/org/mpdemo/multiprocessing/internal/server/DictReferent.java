package org.mpdemo.multiprocessing.internal.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mpdemo.multiprocessing.internal.wire.ManagerProtocol;

/** Behind a {@code DictProxy}: a dict, keeping insertion order as Python's does. */
class DictReferent implements Callee {
    final Map<Object, Object> map = new LinkedHashMap<>();

    @Override
    public synchronized Object call(byte method, List<Object> args) {
        switch (method) {
            case ManagerProtocol.M_GET: {
                Object key = args.get(0);
                Object value = map.get(key);
                return value != null || map.containsKey(key) ? value : missing(key);
            }
            case ManagerProtocol.M_PUT: return map.put(args.get(0), args.get(1));
            case ManagerProtocol.M_REMOVE: {
                Object key = args.get(0);
                return map.containsKey(key) ? map.remove(key) : missing(key);
            }
            case ManagerProtocol.M_CONTAINS: return map.containsKey(args.get(0));
            case ManagerProtocol.M_SIZE: return map.size();
            case ManagerProtocol.M_KEYS: return new ArrayList<>(map.keySet());
            case ManagerProtocol.M_VALUES: return new ArrayList<>(map.values());
            case ManagerProtocol.M_COPY: return new LinkedHashMap<>(map);
            case ManagerProtocol.M_CLEAR: map.clear(); return null;
            default: throw Referents.unsupported(typeName(), method);
        }
    }

    /** What looking up or removing an absent key gives: {@code null}, as {@code dict.get} does. */
    Object missing(Object key) {
        return null;
    }

    String typeName() {
        return "dict";
    }
}
