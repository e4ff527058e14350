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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.mpdemo.multiprocessing.errors.ProcessError;
import org.mpdemo.multiprocessing.errors.SharingError;

/**
 * How values cross a process boundary (CPython's {@code reduction} module).
 *
 * <p>Lists of plain values — numbers, strings, booleans, nulls, argument arrays of those — use a compact encoding
 * that is several times cheaper than Java serialization; anything else goes through Java serialization, read back
 * behind an {@link ObjectInputFilter}: an allow-list of classes, and bounds on depth, size, references and time.
 *
 * <p>It also keeps CPython's <em>spawning</em> flag: synchronization primitives may be serialized only while a
 * child process is being started ({@link #spawning}); anywhere else they raise {@link SharingError}.
 */
public final class Reduction {
    /** TRUE while the thread serializes a child's start-up; unset is false (no lambda: it costs a child's start). */
    private static final ThreadLocal<Boolean> SPAWNING = new ThreadLocal<>();

    /** The program's own packages, comma-separated ({@code com.acme,org.example.app}): their classes may travel. */
    public static final String ALLOW_PROPERTY = "mpdemo.serial.allow";
    /** The program's packages (each with its subpackages), as given or as found (see {@link #allowProgram}). */
    private static final Set<String> PROGRAM = ConcurrentHashMap.newKeySet();

    static {
        String given = System.getProperty(ALLOW_PROPERTY);
        if (given != null) {
            for (String name : given.split(",")) if (!name.isBlank()) PROGRAM.add(name.strip());
        } else {
            // the main class's, to two levels: org.mpdemo.cli.Mpdemo makes org.mpdemo (and all below it)
            String command = System.getProperty("sun.java.command", "");
            String main = command.isEmpty() ? "" : command.split(" ", 2)[0];
            if (!main.endsWith(".jar")) allowProgram(main);
        }
    }

    /**
     * Lets the classes of {@code className}'s program travel: its package's first two levels and all below them
     * ({@code com.acme.app.Main}: {@code com.acme}). Called for the main class, and for the code that starts a
     * pool or process, whose tasks and results are its own classes.
     */
    public static void allowProgram(String className) {
        String[] parts = className.split("\\.");
        if (parts.length < 2) return; // a class of the unnamed package: only -Dmpdemo.serial.allow names it
        PROGRAM.add(parts.length == 2 ? parts[0] : parts[0] + "." + parts[1]);
    }

    /** The program's packages as {@link #ALLOW_PROPERTY} gives them, for a child's command line. */
    public static String programPackages() {
        return String.join(",", new java.util.TreeSet<>(PROGRAM));
    }

    /**
     * Java serialization reads only what is on an allow-list: the JDK's value types, collections and exceptions,
     * the runtime's own classes and the program's ({@link #allowProgram}); gadgets are refused by name even so.
     * Its limits let real data through and stop crafted graphs: a graph nested {@value #MAX_DEPTH} deep costs at
     * most about 2^{@value #MAX_DEPTH} steps to rebuild (sets nested in sets make hashing exponential in depth),
     * and one read may take {@value #MAX_SECONDS} s at most.
     */
    private static final class Filter implements ObjectInputFilter {
        static final ObjectInputFilter CLASSES = ObjectInputFilter.Config.createFilter(
                "!org.apache.commons.collections.functors.*;!org.apache.commons.collections4.functors.*;"
                        + "!org.codehaus.groovy.runtime.*;!com.sun.org.apache.xalan.internal.xsltc.trax.*;"
                        + "!javax.management.*;!java.rmi.*;!sun.rmi.*;"
                        + "java.lang.*;java.lang.invoke.SerializedLambda;java.util.*;java.util.concurrent.*;"
                        + "java.util.concurrent.atomic.*;java.util.regex.Pattern;java.math.*;java.time.**;"
                        + "java.io.*;java.nio.file.*;java.nio.charset.*;java.net.URI;java.net.InetAddress;"
                        + "java.net.Inet4Address;java.net.Inet6Address;java.net.Inet6Address$*;"
                        + "org.mpdemo.multiprocessing.**");
        private final long deadline = System.nanoTime() + MAX_SECONDS * 1_000_000_000L;
        /** Why the read was refused, for the error. */
        String refused;

        @Override
        public Status checkInput(FilterInfo info) {
            if (info.depth() > MAX_DEPTH) return refuse("it is nested more than " + MAX_DEPTH + " objects deep");
            if (info.references() > MAX_REFS) return refuse("it holds more than " + MAX_REFS + " objects");
            if (info.arrayLength() > MAX_ARRAY) return refuse("an array of " + info.arrayLength() + " elements");
            if (info.streamBytes() > MAX_BYTES) return refuse("more than " + MAX_BYTES + " bytes");
            if (System.nanoTime() - deadline > 0) return refuse("reading it took more than " + MAX_SECONDS + " s");
            Class<?> type = info.serialClass();
            if (type == null) return Status.UNDECIDED;
            while (type.isArray()) type = type.getComponentType();
            if (type.isPrimitive()) return Status.ALLOWED;
            Status status = CLASSES.checkInput(info);
            if (status == Status.ALLOWED) return status;
            if (status == Status.UNDECIDED && program(type.getName())) return Status.ALLOWED;
            return refuse(type.getName() + " is not allowed to travel (the JDK's value types, the runtime's and the "
                    + "program's packages " + programPackages() + " are; -D" + ALLOW_PROPERTY + "=PACKAGE,... adds some)");
        }

        private Status refuse(String why) {
            if (refused == null) refused = why;
            return Status.REJECTED;
        }

        private static boolean program(String className) {
            for (String p : PROGRAM) if (className.startsWith(p + ".")) return true;
            return false;
        }
    }

    private static final int MAX_DEPTH = 24;
    private static final long MAX_REFS = 10_000_000;
    private static final long MAX_ARRAY = 200_000_000;
    private static final long MAX_BYTES = 1L << 30;
    private static final int MAX_SECONDS = 10;

    private static final byte COMPACT = 1;
    private static final byte SERIAL = 2;

    private static final byte T_NULL = 0, T_INT = 1, T_LONG = 2, T_DOUBLE = 3, T_STRING = 4, T_TRUE = 5,
            T_FALSE = 6, T_ARRAY = 9, T_BYTES = 10;

    private Reduction() {
    }

    /** The filter of one read: its allow-list and limits (see {@link Filter}), its clock started now. */
    public static ObjectInputFilter filter() {
        return new Filter();
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
        Filter filter = new Filter();
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data))) {
            in.setObjectInputFilter(filter);
            return in.readObject();
        } catch (InvalidClassException e) {
            throw new ProcessError("refused to deserialize: " + (filter.refused != null ? filter.refused
                    : e.getMessage()), e);
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
