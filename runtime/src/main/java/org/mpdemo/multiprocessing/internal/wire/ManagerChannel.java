package org.mpdemo.multiprocessing.internal.wire;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import org.mpdemo.multiprocessing.errors.ProcessError;

/**
 * One end of a connection to a manager: length-prefixed frames over a socket ({@code int length, payload}).
 *
 * <p>A frame's length is checked against the current limit before a byte of it is allocated or read: until the
 * connection is authenticated the limit is {@value #HANDSHAKE_LIMIT} bytes (a challenge or a digest), then
 * {@link Connection#MAX_FRAME}, the runtime's one frame limit. A message is written with a single {@code write}
 * call whenever the socket takes it whole; received frames are parsed out of one reusable buffer, so a small
 * reply costs one {@code read}.
 *
 * <p>Not thread-safe: a channel belongs to one thread at a time.
 */
public final class ManagerChannel implements Closeable {
    public static final int HANDSHAKE_LIMIT = 256;
    private static final int BUFFER = 16 << 10;

    public final SocketChannel socket;
    private final ByteBuffer standardIn = ByteBuffer.allocateDirect(BUFFER);
    private final ByteBuffer standardOut = ByteBuffer.allocateDirect(BUFFER);
    /** Read mode: the bytes between position and limit are received and not yet parsed. */
    private ByteBuffer in = standardIn;
    private ByteBuffer out = standardOut;
    private int limit = HANDSHAKE_LIMIT;
    /** Where the frame being written starts in {@link #out}: a message may hold several frames. */
    private int frameStart;

    public ManagerChannel(SocketChannel socket) {
        this.socket = socket;
        in.flip();
    }

    /** Lifts the frame limit from the handshake's to the full one. */
    public void authenticated() {
        limit = Connection.MAX_FRAME;
    }

    // ---- writing ----------------------------------------------------------------------------------------------

    /** Starts a message; put its payload into the returned buffer (use {@link #ensure} for large parts). */
    public ByteBuffer begin() {
        out = standardOut;
        out.clear();
        frameStart = 0;
        out.position(4);
        return out;
    }

    /** Ends the frame being written and starts another, to go out in the same write. */
    public ByteBuffer next() {
        endFrame();
        ensure(4);
        frameStart = out.position();
        out.position(frameStart + 4);
        return out;
    }

    private void endFrame() {
        int length = out.position() - frameStart - 4;
        if (length > limit) throw new ProcessError("a message of " + length + " bytes exceeds " + limit);
        out.putInt(frameStart, length);
    }

    /** The message buffer with room for {@code more} bytes. */
    public ByteBuffer ensure(int more) {
        if (out.remaining() >= more) return out;
        long needed = (long) out.position() + more;
        if (needed - frameStart - 4 > limit) {
            throw new ProcessError("a message of " + (needed - frameStart - 4)
                    + " bytes exceeds the manager's limit of " + limit + " bytes");
        }
        long room = Math.max(needed, 2L * out.capacity());
        ByteBuffer bigger = ByteBuffer.allocate((int) Math.min(room, frameStart + limit + 4L));
        out.flip();
        bigger.put(out);
        out = bigger;
        return out;
    }

    public ByteBuffer put(byte[] bytes) {
        return ensure(bytes.length).put(bytes);
    }

    /** Sends the message begun by {@link #begin}: its frames, in one write when the socket takes them whole. */
    public void send() throws IOException {
        endFrame();
        out.flip();
        while (out.hasRemaining()) socket.write(out);
    }

    /** Sends one message made of {@code payload}. */
    public void send(byte[] payload) throws IOException {
        begin();
        put(payload);
        send();
    }

    // ---- reading ----------------------------------------------------------------------------------------------

    /**
     * The next frame's payload, valid until the next call; {@code null} at end of stream between frames.
     *
     * @throws ProtocolException for a length outside {@code 0..limit}, before anything is allocated
     * @throws EOFException      when the stream ends inside a frame
     */
    public ByteBuffer receive() throws IOException {
        if (in != standardIn && !in.hasRemaining()) {
            in = standardIn;
            in.clear().flip();
        }
        if (!fill(4)) return null;
        int length = in.getInt(in.position());
        if (length < 0 || length > limit) {
            throw new ProtocolException("frame length " + length + " outside 0.." + limit);
        }
        if (4 + length > in.capacity()) {
            ByteBuffer bigger = ByteBuffer.allocate(4 + length);
            bigger.put(in);
            bigger.flip();
            in = bigger;
        }
        if (!fill(4 + length)) throw new EOFException("connection closed inside a frame");
        int start = in.position() + 4;
        ByteBuffer frame = in.slice(start, length);
        in.position(start + length);
        return frame;
    }

    /** Reads until {@code n} unparsed bytes are buffered; {@code false} at end of stream. */
    private boolean fill(int n) throws IOException {
        if (in.remaining() >= n) return true;
        if (in.capacity() - in.position() < n) {
            in.compact();
            in.flip();
        }
        int start = in.position();
        in.position(in.limit());
        in.limit(in.capacity());
        try {
            while (in.position() - start < n) {
                if (socket.read(in) < 0) {
                    if (in.position() == start) return false;
                    throw new EOFException("connection closed inside a frame");
                }
            }
        } finally {
            in.limit(in.position());
            in.position(start);
        }
        return true;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
