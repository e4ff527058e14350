package org.mpdemo.multiprocessing.internal.server;

import java.util.List;
import org.mpdemo.multiprocessing.internal.wire.ManagerProtocol;
import org.mpdemo.multiprocessing.internal.wire.Typecodes;

/** Behind an {@code ArrayProxy}: a fixed-size array of plain values of one typecode. */
final class ArrayReferent implements Callee {
    final String typecode;
    final Object[] values;

    ArrayReferent(String typecode, Object[] values) {
        this.typecode = typecode;
        this.values = values;
    }

    @Override
    public synchronized Object call(byte method, List<Object> args) {
        switch (method) {
            case ManagerProtocol.M_GET: return values[index(args.get(0))];
            case ManagerProtocol.M_SET: {
                Object v = args.get(1);
                Typecodes.check(typecode, v);
                values[index(args.get(0))] = v;
                return null;
            }
            case ManagerProtocol.M_SIZE: return values.length;
            case ManagerProtocol.M_COPY: return values.clone();
            default: throw Referents.unsupported("Array", method);
        }
    }

    private int index(Object i) {
        return Referents.index(i, values.length, "array");
    }
}
