package org.mpdemo.multiprocessing.internal.reduction;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Big-endian reads from an array, refusing to run past its end: what {@link ByteWriter} wrote. A length read
 * from the data is checked against what is left before anything is allocated, so corrupt or hostile bytes cost
 * no more memory than they take.
 */
public final class ByteReader {
    private final byte[] bytes;
    private int position;

    public ByteReader(byte[] bytes) {
        this(bytes, 0);
    }

    public ByteReader(byte[] bytes, int position) {
        this.bytes = bytes;
        this.position = position;
    }

    public int available() {
        return bytes.length - position;
    }

    private void need(int n) throws IOException {
        if (n > bytes.length - position) throw new EOFException("corrupt value: truncated");
    }

    public byte readByte() throws IOException {
        need(1);
        return bytes[position++];
    }

    public boolean readBoolean() throws IOException {
        return readByte() != 0;
    }

    public int readInt() throws IOException {
        need(4);
        int v = ((bytes[position] & 0xff) << 24) | ((bytes[position + 1] & 0xff) << 16)
                | ((bytes[position + 2] & 0xff) << 8) | (bytes[position + 3] & 0xff);
        position += 4;
        return v;
    }

    public long readLong() throws IOException {
        return ((long) readInt() << 32) | (readInt() & 0xffffffffL);
    }

    public double readDouble() throws IOException {
        return Double.longBitsToDouble(readLong());
    }

    public byte[] readBytes(int n) throws IOException {
        if (n < 0) throw new IOException("corrupt length " + n);
        need(n);
        byte[] out = Arrays.copyOfRange(bytes, position, position + n);
        position += n;
        return out;
    }

    /** What the other side's {@link ByteWriter#writeBlock} wrote. */
    public byte[] readBlock() throws IOException {
        int n = readInt();
        if (n < 0 || n > available()) throw new IOException("corrupt block of " + n + " bytes");
        return readBytes(n);
    }

    public String readString() throws IOException {
        return new String(readBlock(), StandardCharsets.UTF_8);
    }

    /** Everything not read yet. */
    public byte[] rest() {
        byte[] out = Arrays.copyOfRange(bytes, position, bytes.length);
        position = bytes.length;
        return out;
    }
}
