package org.mpdemo.multiprocessing.internal.wire;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A duplex channel of length-prefixed frames between a parent and one child (CPython's {@code connection}).
 *
 * <p>It runs over the child's standard input and output pipes: nobody but the two processes holds their ends, so
 * the channel is private by construction and leaves nothing behind on disk. When the parent dies the kernel
 * closes its ends, and the child reads end-of-file — which is how a child learns its parent is gone.
 *
 * <p>A frame is {@code int length, byte type, payload}; a length outside {@code 1..MAX_FRAME} is refused before
 * anything is allocated.
 */
public final class Connection implements Closeable {
    public static final int MAX_FRAME = 512 << 20;
    /** A frame's length ({@code int}, big-endian) and type. */
    private static final int HEADER = 4 + 1;

    // parent -> child
    public static final byte BOOT = 1;
    public static final byte FUNCTION = 2;
    public static final byte TASK = 3;
    public static final byte EXIT = 4;
    /** The parent has printed what an OUT or ERR frame carried: the child may go on. */
    public static final byte PRINTED = 5;
    // child -> parent
    public static final byte READY = 10;
    public static final byte OUT = 11;
    public static final byte ERR = 12;
    public static final byte RESULT = 13;
    /**
     * The child has run its last line and flushed its output: the parent answers by closing the child's input,
     * so that the child's reader thread sees end of file and ends before the child exits (see Parent.exit).
     */
    public static final byte DONE = 14;

    public record Frame(byte type, byte[] payload) {
    }

    private final BufferedInputStream in;
    private final BufferedOutputStream out;
    /** A frame's length and type, reused: written under this object's monitor, read by the one receiver. */
    private final byte[] outHeader = new byte[HEADER];
    private final byte[] inHeader = new byte[HEADER];

    public Connection(InputStream in, OutputStream out) {
        this.in = new BufferedInputStream(in, 1 << 16);
        this.out = new BufferedOutputStream(out, 1 << 16);
    }

    /** Writes a frame made of the concatenated parts; {@link #flush()} sends it. */
    public synchronized void write(byte type, byte[]... parts) throws IOException {
        long length = 1;
        for (byte[] p : parts) length += p.length;
        if (length > MAX_FRAME) throw new IOException("frame of " + length + " bytes exceeds " + MAX_FRAME);
        int n = (int) length;
        outHeader[0] = (byte) (n >>> 24);
        outHeader[1] = (byte) (n >>> 16);
        outHeader[2] = (byte) (n >>> 8);
        outHeader[3] = (byte) n;
        outHeader[4] = type;
        out.write(outHeader, 0, HEADER);
        for (byte[] p : parts) out.write(p, 0, p.length);
    }

    public synchronized void flush() throws IOException {
        out.flush();
    }

    /** Writes and sends one frame. */
    public synchronized void send(byte type, byte[]... parts) throws IOException {
        write(type, parts);
        out.flush();
    }

    /** The next frame, or {@code null} at end of stream. Only one thread receives. */
    public Frame receive() throws IOException {
        int read = in.readNBytes(inHeader, 0, HEADER);
        if (read < 4) return null; // end of stream, also in the middle of a length
        int length = ((inHeader[0] & 0xff) << 24) | ((inHeader[1] & 0xff) << 16) | ((inHeader[2] & 0xff) << 8)
                | (inHeader[3] & 0xff);
        if (length < 1 || length > MAX_FRAME) throw new IOException("bad frame length " + length);
        // a frame must leave this process room to decode it: refused before it costs anything
        long room = Runtime.getRuntime().maxMemory() / 2;
        if (length > room) {
            throw new IOException("a frame of " + length + " bytes is more than half of this process's heap ("
                    + Runtime.getRuntime().maxMemory() + " bytes; -Dmpdemo.child.jvmArgs=-Xmx... gives a worker more)");
        }
        if (read < HEADER) throw new EOFException("frame ends before its type");
        byte type = inHeader[4];
        byte[] payload = in.readNBytes(length - 1);
        if (payload.length != length - 1) return null;
        return new Frame(type, payload);
    }

    /** Closes the sending side only: the other end reads end of file, and can still send to us. */
    public void closeOutput() {
        try {
            synchronized (this) {
                out.close();
            }
        } catch (IOException ignored) {
            // the other end is gone
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing a pipe whose other end is gone
        }
        try {
            synchronized (this) {
                out.close();
            }
        } catch (IOException ignored) {
            // same
        }
    }
}
