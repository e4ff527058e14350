package org.mpdemo.multiprocessing.internal.reduction;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Big-endian writes into a growing array, for every binary encoding of the runtime: no stream layers, no
 * per-byte calls. {@link ByteReader} reads what it writes; a block and a string are an {@code int} length and
 * that many bytes.
 */
public final class ByteWriter {
    private byte[] bytes;
    private int size;

    public ByteWriter(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    private void room(int n) {
        if (size + n > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(size + n, bytes.length * 2));
    }

    public ByteWriter writeByte(int b) {
        room(1);
        bytes[size++] = (byte) b;
        return this;
    }

    public ByteWriter writeBoolean(boolean b) {
        return writeByte(b ? 1 : 0);
    }

    public ByteWriter writeInt(int v) {
        room(4);
        bytes[size] = (byte) (v >>> 24);
        bytes[size + 1] = (byte) (v >>> 16);
        bytes[size + 2] = (byte) (v >>> 8);
        bytes[size + 3] = (byte) v;
        size += 4;
        return this;
    }

    public ByteWriter writeLong(long v) {
        writeInt((int) (v >>> 32));
        return writeInt((int) v);
    }

    public ByteWriter writeDouble(double v) {
        return writeLong(Double.doubleToRawLongBits(v));
    }

    /** The bytes as they are, with no length before them. */
    public ByteWriter write(byte[] b) {
        room(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
        return this;
    }

    /** A length, then the bytes: {@link ByteReader#readBlock()}. */
    public ByteWriter writeBlock(byte[] b) {
        return writeInt(b.length).write(b);
    }

    /** UTF-8 as a block: {@link ByteReader#readString()}. */
    public ByteWriter writeString(String s) {
        return writeBlock(s.getBytes(StandardCharsets.UTF_8));
    }

    public int size() {
        return size;
    }

    /** The bytes written; no copy when they fill the capacity given, as a fixed-size header does. */
    public byte[] toByteArray() {
        // safe to share: a write after this one finds no room and grows into a new array
        return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
    }
}
