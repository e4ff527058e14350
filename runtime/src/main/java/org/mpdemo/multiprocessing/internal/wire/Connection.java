package org.mpdemo.multiprocessing.internal.wire;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
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
     * so that the child's reader thread sees end of file and ends before the child exits (see ChildMain).
     */
    public static final byte DONE = 14;

    public record Frame(byte type, byte[] payload) {
    }

    private final DataInputStream in;
    private final DataOutputStream out;

    public Connection(InputStream in, OutputStream out) {
        this.in = new DataInputStream(new BufferedInputStream(in, 1 << 16));
        this.out = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
    }

    /** Writes a frame made of the concatenated parts; {@link #flush()} sends it. */
    public synchronized void write(byte type, byte[]... parts) throws IOException {
        long length = 1;
        for (byte[] p : parts) length += p.length;
        if (length > MAX_FRAME) throw new IOException("frame of " + length + " bytes exceeds " + MAX_FRAME);
        out.writeInt((int) length);
        out.writeByte(type);
        for (byte[] p : parts) out.write(p);
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
        int length;
        try {
            length = in.readInt();
        } catch (EOFException e) {
            return null;
        }
        if (length < 1 || length > MAX_FRAME) throw new IOException("bad frame length " + length);
        byte type = in.readByte();
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
