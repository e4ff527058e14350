package org.mpdemo.multiprocessing;

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
final class Connection implements Closeable {
    static final int MAX_FRAME = 512 << 20;

    // parent -> child
    static final byte BOOT = 1;
    static final byte FUNCTION = 2;
    static final byte TASK = 3;
    static final byte EXIT = 4;
    /** The parent has printed what an OUT or ERR frame carried: the child may go on. */
    static final byte PRINTED = 5;
    // child -> parent
    static final byte READY = 10;
    static final byte OUT = 11;
    static final byte ERR = 12;
    static final byte RESULT = 13;
    /**
     * The child has run its last line and flushed its output: the parent answers by closing the child's input,
     * so that the child's reader thread sees end of file and ends before the child exits (see ChildMain).
     */
    static final byte DONE = 14;

    record Frame(byte type, byte[] payload) {
    }

    private final DataInputStream in;
    private final DataOutputStream out;

    Connection(InputStream in, OutputStream out) {
        this.in = new DataInputStream(new BufferedInputStream(in, 1 << 16));
        this.out = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
    }

    /** Writes a frame made of the concatenated parts; {@link #flush()} sends it. */
    synchronized void write(byte type, byte[]... parts) throws IOException {
        long length = 1;
        for (byte[] p : parts) length += p.length;
        if (length > MAX_FRAME) throw new IOException("frame of " + length + " bytes exceeds " + MAX_FRAME);
        out.writeInt((int) length);
        out.writeByte(type);
        for (byte[] p : parts) out.write(p);
    }

    synchronized void flush() throws IOException {
        out.flush();
    }

    /** Writes and sends one frame. */
    synchronized void send(byte type, byte[]... parts) throws IOException {
        write(type, parts);
        out.flush();
    }

    /** The next frame, or {@code null} at end of stream. Only one thread receives. */
    Frame receive() throws IOException {
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
    void closeOutput() {
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
