package org.mpdemo.multiprocessing.internal.reduction;

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
import org.mpdemo.multiprocessing.errors.ProcessError;
import org.mpdemo.multiprocessing.errors.SharingError;

/**
 * How values cross a process boundary (CPython's {@code reduction} module).
 *
 * <p>Lists of plain values — numbers, strings, booleans, nulls, argument arrays of those — use a compact encoding
 * that is several times cheaper than Java serialization; anything else goes through Java serialization, read back
 * behind an {@link ObjectInputFilter} that bounds depth, size and references.
 *
 * <p>It also keeps CPython's <em>spawning</em> flag: synchronization primitives may be serialized only while a
 * child process is being started ({@link #spawning}); anywhere else they raise {@link SharingError}.
 */
public final class Reduction {
    /** TRUE while the thread serializes a child's start-up; unset is false (no lambda: it costs a child's start). */
    private static final ThreadLocal<Boolean> SPAWNING = new ThreadLocal<>();

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
            T_FALSE = 6, T_ARRAY = 9, T_BYTES = 10;

    private Reduction() {
    }

    /** Deserialization limits: generous for real data, fatal to crafted object graphs. */
    public static ObjectInputFilter filter() {
        return Filter.FILTER;
    }

    /** Runs {@code body} in process-start context, where primitives may be serialized. */
    public static <T> T spawning(Supplier<T> body) {
        Boolean was = SPAWNING.get();
        SPAWNING.set(Boolean.TRUE);
        try {
            return body.get();
        } finally {
            SPAWNING.set(was);
        }
    }

    /** Whether the calling thread is serializing a child's start-up (manager proxies then carry their authkey). */
    public static boolean isSpawning() {
        return SPAWNING.get() == Boolean.TRUE;
    }

    /** CPython's {@code assert_spawning}: called by every primitive's {@code writeObject}. */
    public static void assertSpawning(Object primitive) {
        if (!isSpawning()) throw new SharingError(primitive.getClass().getSimpleName());
    }

    // ---- Java serialization -------------------------------------------------------------------------------

    public static byte[] serialize(Object value) {
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

    public static Object deserialize(byte[] data) {
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
    public static byte[] encodeList(List<?> values) {
        if (isPlain(values)) {
            ByteWriter out = new ByteWriter(16 + values.size() * 6);
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
    public static List<Object> decodeList(byte[] data) {
        if (data[0] == SERIAL) {
            byte[] serial = new byte[data.length - 1];
            System.arraycopy(data, 1, serial, 0, serial.length);
            return (List<Object>) deserialize(serial);
        }
        ByteReader in = new ByteReader(data, 1);
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

    private static boolean isPlain(List<?> values) {
        for (Object v : values) if (!isPlain(v, 0)) return false;
        return true;
    }

    private static boolean isPlain(Object v, int depth) {
        if (v == null || v instanceof Integer || v instanceof Long || v instanceof Double
                || v instanceof String || v instanceof Boolean || v instanceof byte[]) return true;
        if (depth > 4) return false;
        if (v instanceof Object[] a && a.getClass() == Object[].class) {
            for (Object e : a) if (!isPlain(e, depth + 1)) return false;
            return true;
        }
        return false;
    }

    private static void writePlain(ByteWriter out, Object v) {
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
        } else if (v instanceof byte[] b) {
            out.writeByte(T_BYTES);
            out.writeBlock(b);
        } else {
            Object[] a = (Object[]) v;
            out.writeByte(T_ARRAY);
            out.writeInt(a.length);
            for (Object e : a) writePlain(out, e);
        }
    }

    private static Object readPlain(ByteReader in, int depth) throws IOException {
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
            case T_ARRAY: {
                int n = in.readInt();
                if (n < 0 || n > in.available()) throw new IOException("corrupt array length " + n);
                Object[] a = new Object[n];
                for (int i = 0; i < n; i++) a[i] = readPlain(in, depth + 1);
                return a;
            }
            case T_BYTES: return in.readBlock();
            default: throw new IOException("corrupt value tag " + tag);
        }
    }
}
