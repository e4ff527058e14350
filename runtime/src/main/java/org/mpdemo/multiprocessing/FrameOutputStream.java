package org.mpdemo.multiprocessing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A child's {@code System.out} or {@code System.err}: bytes are collected and sent to the parent as OUT or ERR
 * frames on flush. The parent reassembles whole lines before printing them, so lines from different children
 * never splice together.
 */
final class FrameOutputStream extends OutputStream {
    private final Connection connection;
    private final byte type;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);

    FrameOutputStream(Connection connection, byte type) {
        this.connection = connection;
        this.type = type;
    }

    @Override
    public synchronized void write(int b) {
        buffer.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        buffer.write(b, off, len);
    }

    @Override
    public synchronized void flush() throws IOException {
        if (buffer.size() == 0) return;
        byte[] bytes = buffer.toByteArray();
        buffer.reset();
        connection.send(type, bytes);
    }
}
