package org.mpdemo.multiprocessing.pool;

import java.io.IOException;
import org.mpdemo.multiprocessing.internal.reduction.ByteReader;
import org.mpdemo.multiprocessing.internal.reduction.ByteWriter;
import org.mpdemo.multiprocessing.internal.wire.Connection;

/**
 * A TASK frame, parent to worker: one chunk of a job, to run with the function sent earlier under
 * {@code functionId} ({@link FunctionFrame}). {@code items} is the encoded list of argument arrays; {@code job}
 * and {@code start} (the first item's index) name the tasks in traces.
 */
record TaskFrame(long taskId, int functionId, long job, long start, byte[] items) {
    private static final int HEADER = 8 + 4 + 8 + 8;

    /** Writes the frame; {@link Connection#flush()} sends it. The items follow the header uncopied. */
    void write(Connection connection) throws IOException {
        byte[] header = new ByteWriter(HEADER).writeLong(taskId).writeInt(functionId).writeLong(job)
                .writeLong(start).toByteArray();
        connection.write(Connection.TASK, header, items);
    }

    static TaskFrame decode(byte[] payload) throws IOException {
        ByteReader in = new ByteReader(payload);
        return new TaskFrame(in.readLong(), in.readInt(), in.readLong(), in.readLong(), in.rest());
    }
}
