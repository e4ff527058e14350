package org.mpdemo.multiprocessing.internal.launch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.mpdemo.multiprocessing.internal.wire.Connection;

/**
 * A child's {@code System.out} or {@code System.err}: bytes are collected and sent to the parent as OUT or ERR
 * frames on flush. The parent reassembles whole lines before printing them, so lines from different children
 * never splice together.
 *
 * <p>A flush waits until the parent has printed what it sent (a PRINTED frame comes back), as a forked Python
 * child's write to the shared terminal is out before the child goes on. Without that, a worker could print
 * {@code waiting...}, block, be seen blocking by the main program through shared memory — and the main
 * program's next line could reach the terminal before the worker's.
 */
public final class FrameOutputStream extends OutputStream {
    private static final Semaphore PRINTED = new Semaphore(0);
    private static volatile boolean acknowledged;

    private final Connection connection;
    private final byte type;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);

    public FrameOutputStream(Connection connection, byte type) {
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
        // bounded: if the parent is gone the reader thread halts this process anyway
        if (acknowledged) {
            try {
                PRINTED.tryAcquire(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** From now on a thread reads PRINTED frames: flushes wait for them. */
    public static void expectAcknowledgements() {
        acknowledged = true;
    }

    /** The reader has stopped: nothing will acknowledge a flush any more. */
    static void noAcknowledgements() {
        acknowledged = false;
    }

    /** The parent printed one frame. */
    public static void printed() {
        PRINTED.release();
    }
}
