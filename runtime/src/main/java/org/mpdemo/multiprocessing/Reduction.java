package org.mpdemo.multiprocessing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * How values cross a process boundary (CPython's {@code reduction} module).
 *
 * <p>Lists of plain values — numbers, strings, booleans, nulls, argument tuples of those — use a compact encoding
 * that is several times cheaper than Java serialization; anything else goes through Java serialization, read back
 * behind an {@link ObjectInputFilter} that bounds depth, size and references.
 *
 * <p>It also keeps CPython's <em>spawning</em> flag: synchronization primitives may be serialized only while a
 * child process is being started ({@link #spawning}); anywhere else they raise {@link SharingError}.
 */
final class Reduction {
    /** TRUE while the thread serializes a child's start-up; unset is false (no lambda: it costs a child's start). */
    private static final ThreadLocal<Boolean> SPAWNING = new ThreadLocal<>();

    /** Deserialization limits: generous for real data, fatal to crafted object graphs. */
    static ObjectInputFilter filter() {
        return Filter.FILTER;
    }

    /** Built on first use: a worker that only sees plain values never pays for it. */
    private static final class Filter {
        static final ObjectInputFilter FILTER = ObjectInputFilter.Config.createFilter(
            "maxdepth=64;maxrefs=50000000;maxbytes=1073741824;maxarray=200000000;"
                    + "!org.apache.commons.collections.functors.*;!org.apache.commons.collections4.functors.*;"
                    + "!org.codehaus.groovy.runtime.*;!com.sun.org.apache.xalan.internal.xsltc.trax.*;"
                    + "!javax.management.*;!java.rmi.*;!sun.rmi.*");
    }

    private static final byte COMPACT = 1;
    private static final byte SERIAL = 2;

    private static final byte T_NULL = 0, T_INT = 1, T_LONG = 2, T_DOUBLE = 3, T_STRING = 4, T_TRUE = 5,
            T_FALSE = 6, T_TWO = 7, T_THREE = 8, T_ARRAY = 9;

    private Reduction() {
    }

    /** Runs {@code body} in process-start context, where primitives may be serialized. */
    static <T> T spawning(Supplier<T> body) {
        Boolean was = SPAWNING.get();
        SPAWNING.set(Boolean.TRUE);
        try {
            return body.get();
        } finally {
            SPAWNING.set(was);
        }
    }

    /** Whether the calling thread is serializing a child's start-up (manager proxies then carry their authkey). */
    static boolean isSpawning() {
        return SPAWNING.get() == Boolean.TRUE;
    }

    /** CPython's {@code assert_spawning}: called by every primitive's {@code writeObject}. */
    static void assertSpawning(Object primitive) {
        if (!isSpawning()) throw new SharingError(primitive.getClass().getSimpleName());
    }

    // ---- Java serialization -------------------------------------------------------------------------------

    static byte[] serialize(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            throw new ProcessError("cannot send " + e.getMessage() + " to another process: it is not Serializable");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Object deserialize(byte[] data) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data))) {
            in.setObjectInputFilter(Filter.FILTER);
            return in.readObject();
        } catch (InvalidClassException e) {
            throw new ProcessError("refused to deserialize: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new ProcessError("class not found in this process: " + e.getMessage(), e);
        }
    }

    // ---- lists of values ----------------------------------------------------------------------------------

    /** Encodes a list of values, compactly when every element is a plain value. */
    static byte[] encodeList(List<?> values) {
        if (isPlain(values)) {
            Writer out = new Writer(16 + values.size() * 6);
            out.writeByte(COMPACT);
            out.writeInt(values.size());
            for (Object v : values) writePlain(out, v);
            return out.toByteArray();
        }
        byte[] serial = serialize(new ArrayList<>(values));
        byte[] framed = new byte[serial.length + 1];
        framed[0] = SERIAL;
        System.arraycopy(serial, 0, framed, 1, serial.length);
        return framed;
    }

    @SuppressWarnings("unchecked")
    static List<Object> decodeList(byte[] data) {
        if (data[0] == SERIAL) {
            byte[] serial = new byte[data.length - 1];
            System.arraycopy(data, 1, serial, 0, serial.length);
            return (List<Object>) deserialize(serial);
        }
        Reader in = new Reader(data, 1);
        try {
            int n = in.readInt();
            if (n < 0 || n > data.length) throw new IOException("corrupt list length " + n);
            List<Object> values = new ArrayList<>(n);
            for (int i = 0; i < n; i++) values.add(readPlain(in, 0));
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Big-endian writes into a growing array: no stream layers, no per-byte calls. */
    private static final class Writer {
        private byte[] bytes;
        private int size;

        Writer(int capacity) {
            bytes = new byte[Math.max(16, capacity)];
        }

        private void room(int n) {
            if (size + n > bytes.length) bytes = java.util.Arrays.copyOf(bytes, Math.max(size + n, bytes.length * 2));
        }

        void writeByte(int b) {
            room(1);
            bytes[size++] = (byte) b;
        }

        void writeInt(int v) {
            room(4);
            bytes[size] = (byte) (v >>> 24);
            bytes[size + 1] = (byte) (v >>> 16);
            bytes[size + 2] = (byte) (v >>> 8);
            bytes[size + 3] = (byte) v;
            size += 4;
        }

        void writeLong(long v) {
            writeInt((int) (v >>> 32));
            writeInt((int) v);
        }

        void write(byte[] b) {
            room(b.length);
            System.arraycopy(b, 0, bytes, size, b.length);
            size += b.length;
        }

        byte[] toByteArray() {
            return java.util.Arrays.copyOf(bytes, size);
        }
    }

    /** Big-endian reads from an array, refusing to run past its end. */
    private static final class Reader {
        private final byte[] bytes;
        private int position;

        Reader(byte[] bytes, int position) {
            this.bytes = bytes;
            this.position = position;
        }

        int available() {
            return bytes.length - position;
        }

        private void need(int n) throws IOException {
            if (n > bytes.length - position) throw new java.io.EOFException("corrupt value: truncated");
        }

        byte readByte() throws IOException {
            need(1);
            return bytes[position++];
        }

        int readInt() throws IOException {
            need(4);
            int v = ((bytes[position] & 0xff) << 24) | ((bytes[position + 1] & 0xff) << 16)
                    | ((bytes[position + 2] & 0xff) << 8) | (bytes[position + 3] & 0xff);
            position += 4;
            return v;
        }

        long readLong() throws IOException {
            return ((long) readInt() << 32) | (readInt() & 0xffffffffL);
        }

        byte[] readBytes(int n) throws IOException {
            need(n);
            byte[] out = java.util.Arrays.copyOfRange(bytes, position, position + n);
            position += n;
            return out;
        }
    }

    private static boolean isPlain(List<?> values) {
        for (Object v : values) if (!isPlain(v, 0)) return false;
        return true;
    }

    private static boolean isPlain(Object v, int depth) {
        if (v == null || v instanceof Integer || v instanceof Long || v instanceof Double
                || v instanceof String || v instanceof Boolean) return true;
        if (depth > 4) return false;
        if (v instanceof Args.Two<?, ?> t) return isPlain(t.first(), depth + 1) && isPlain(t.second(), depth + 1);
        if (v instanceof Args.Three<?, ?, ?> t) {
            return isPlain(t.first(), depth + 1) && isPlain(t.second(), depth + 1) && isPlain(t.third(), depth + 1);
        }
        if (v instanceof Object[] a && a.getClass() == Object[].class) {
            for (Object e : a) if (!isPlain(e, depth + 1)) return false;
            return true;
        }
        return false;
    }

    private static void writePlain(Writer out, Object v) {
        if (v == null) {
            out.writeByte(T_NULL);
        } else if (v instanceof Integer i) {
            out.writeByte(T_INT);
            out.writeInt(i);
        } else if (v instanceof Long l) {
            out.writeByte(T_LONG);
            out.writeLong(l);
        } else if (v instanceof Double d) {
            out.writeByte(T_DOUBLE);
            out.writeLong(Double.doubleToRawLongBits(d));
        } else if (v instanceof String s) {
            out.writeByte(T_STRING);
            byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
        } else if (v instanceof Boolean b) {
            out.writeByte(b ? T_TRUE : T_FALSE);
        } else if (v instanceof Args.Two<?, ?> t) {
            out.writeByte(T_TWO);
            writePlain(out, t.first());
            writePlain(out, t.second());
        } else if (v instanceof Args.Three<?, ?, ?> t) {
            out.writeByte(T_THREE);
            writePlain(out, t.first());
            writePlain(out, t.second());
            writePlain(out, t.third());
        } else {
            Object[] a = (Object[]) v;
            out.writeByte(T_ARRAY);
            out.writeInt(a.length);
            for (Object e : a) writePlain(out, e);
        }
    }

    private static Object readPlain(Reader in, int depth) throws IOException {
        if (depth > 8) throw new IOException("corrupt value: nested too deep");
        byte tag = in.readByte();
        switch (tag) {
            case T_NULL: return null;
            case T_INT: return in.readInt();
            case T_LONG: return in.readLong();
            case T_DOUBLE: return Double.longBitsToDouble(in.readLong());
            case T_TRUE: return Boolean.TRUE;
            case T_FALSE: return Boolean.FALSE;
            case T_STRING: {
                int n = in.readInt();
                if (n < 0 || n > in.available()) throw new IOException("corrupt string length " + n);
                byte[] utf8 = in.readBytes(n);
                return new String(utf8, java.nio.charset.StandardCharsets.UTF_8);
            }
            case T_TWO: return new Args.Two<>(readPlain(in, depth + 1), readPlain(in, depth + 1));
            case T_THREE:
                return new Args.Three<>(readPlain(in, depth + 1), readPlain(in, depth + 1), readPlain(in, depth + 1));
            case T_ARRAY: {
                int n = in.readInt();
                if (n < 0 || n > in.available()) throw new IOException("corrupt array length " + n);
                Object[] a = new Object[n];
                for (int i = 0; i < n; i++) a[i] = readPlain(in, depth + 1);
                return a;
            }
            default: throw new IOException("corrupt value tag " + tag);
        }
    }
}
