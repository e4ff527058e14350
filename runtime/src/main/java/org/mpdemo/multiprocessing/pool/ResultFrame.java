package org.mpdemo.multiprocessing.pool;

import java.io.IOException;
import org.mpdemo.multiprocessing.internal.reduction.ByteReader;
import org.mpdemo.multiprocessing.internal.reduction.ByteWriter;
import org.mpdemo.multiprocessing.internal.wire.Connection;

/**
 * A RESULT frame, worker to parent: the answer to task {@code taskId}. When {@code ok}, {@code body} is the
 * encoded list of the chunk's results, else the failure envelope of its error; {@code nanos} is how long the
 * worker took, which the pool's prefetch goes by.
 */
record ResultFrame(long taskId, boolean ok, long nanos, byte[] body) {
    private static final int HEADER = 8 + 1 + 8;

    /** Writes and sends the frame. The body follows the header uncopied. */
    void send(Connection connection) throws IOException {
        byte[] header = new ByteWriter(HEADER).writeLong(taskId).writeBoolean(ok).writeLong(nanos).toByteArray();
        connection.send(Connection.RESULT, header, body);
    }

    static ResultFrame decode(byte[] payload) throws IOException {
        ByteReader in = new ByteReader(payload);
        return new ResultFrame(in.readLong(), in.readBoolean(), in.readLong(), in.rest());
    }
}
