package org.mpdemo.multiprocessing.internal.server;

import java.util.ArrayList;
import java.util.List;
import org.mpdemo.multiprocessing.internal.wire.ManagerProtocol;

/** Behind a {@code ListProxy}: a list, with Python's negative indexes and error messages. */
final class ListReferent implements Callee {
    final List<Object> list = new ArrayList<>();

    @Override
    public synchronized Object call(byte method, List<Object> args) {
        switch (method) {
            case ManagerProtocol.M_GET: return list.get(index(args.get(0)));
            case ManagerProtocol.M_SET: return list.set(index(args.get(0)), args.get(1));
            case ManagerProtocol.M_APPEND: list.add(args.get(0)); return null;
            case ManagerProtocol.M_EXTEND: {
                list.addAll((List<?>) args.get(0));
                return null;
            }
            case ManagerProtocol.M_DELETE: return list.remove(index(args.get(0)));
            case ManagerProtocol.M_CONTAINS: return list.contains(args.get(0));
            case ManagerProtocol.M_SIZE: return list.size();
            case ManagerProtocol.M_COPY: return new ArrayList<>(list);
            case ManagerProtocol.M_CLEAR: list.clear(); return null;
            default: throw Referents.unsupported("list", method);
        }
    }

    private int index(Object i) {
        return Referents.index(i, list.size(), "list");
    }
}
