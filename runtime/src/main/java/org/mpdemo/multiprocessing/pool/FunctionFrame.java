package org.mpdemo.multiprocessing.pool;

import java.io.IOException;
import org.mpdemo.multiprocessing.internal.reduction.ByteReader;
import org.mpdemo.multiprocessing.internal.reduction.ByteWriter;
import org.mpdemo.multiprocessing.internal.wire.Connection;

/**
 * A FUNCTION frame, parent to worker: a task function (as {@code Functions} encodes it) that the worker keeps
 * under {@code id}; sent once per worker, before the first task that calls it.
 */
record FunctionFrame(int id, byte[] function) {
    /** Writes the frame; {@link Connection#flush()} sends it. */
    void write(Connection connection) throws IOException {
        connection.write(Connection.FUNCTION, new ByteWriter(4).writeInt(id).toByteArray(), function);
    }

    static FunctionFrame decode(byte[] payload) throws IOException {
        ByteReader in = new ByteReader(payload);
        return new FunctionFrame(in.readInt(), in.rest());
    }
}
