package org.mpdemo.multiprocessing.shared;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.mpdemo.multiprocessing.Process;
import org.mpdemo.multiprocessing.errors.SharingError;
import org.mpdemo.multiprocessing.internal.reduction.Reduction;
import org.mpdemo.multiprocessing.internal.schedule.SwitchPoint;
import org.mpdemo.multiprocessing.internal.shm.Arena;
import org.mpdemo.multiprocessing.internal.shm.SharedMemory;
import org.mpdemo.multiprocessing.pool.Pool;
import org.mpdemo.multiprocessing.trace.TraceEvent;

/**
 * A fixed-size C array in shared memory (CPython's {@code multiprocessing.Array}): every process that receives it
 * — as a {@link Process} argument or {@link Pool} initializer argument — reads and writes the same elements.
 *
 * <pre>{@code
 * Array a = new Array('d', new double[] {0, 100, 200});   // Python: Array('d', [0.0, 100.0, 200.0])
 * Array zeros = new Array('i', 10);                        // Array('i', 10)
 * a.set(0, a.getDouble(0) + 1);                            // a[0] += 1   (RACES between processes, as in Python)
 * System.out.println(a);                                   // print(a[:]) -> [1.0, 100.0, 200.0]
 * }</pre>
 *
 * <h2>Creating</h2>
 * The second argument is Python's {@code size_or_initializer}: an {@link Integer} size (elements start at zero;
 * negative raises {@link IllegalArgumentException}), or the initial elements — a primitive array
 * ({@code int[]}, {@code long[]}, {@code double[]}, {@code float[]}, {@code short[]}, {@code byte[]}), an array
 * or {@link Collection} of numbers, or for typecode {@code c} a {@code byte[]} or a {@link String} of characters
 * up to {@code \u00ff}. Typecodes and conversions are {@link Value}'s.
 *
 * <h2>Elements</h2>
 * {@link #get(int)} and {@link #set(int, Object)} (boxed, as {@link Value#get()}), typed {@code getInt},
 * {@code getLong}, {@code getDouble} and their setters. Indexes are Python's: {@code -1} is the last element;
 * out of range raises {@link IndexOutOfBoundsException} ("array index out of range"). {@link #toList()} is
 * Python's {@code a[:]}, {@link #toString()} its repr ({@code [0.0, 100.0, 200.0]}; {@code b'…'} for
 * {@code c}).
 *
 * <h2>Locking, as CPython's synchronized wrapper</h2>
 * By default the array has its own {@link RLock} ({@link #getLock()}), held for each single get or set (and for
 * the whole of {@link #toList()}): each is atomic, but {@code a.set(i, a.getInt(i) + 1)} races between
 * processes, as {@code a[i] += 1} does in Python. {@code new Array('i', 10, false)} or {@link #raw} has no lock.
 * The lock-free {@link #getAndAdd}, {@link #incrementAndGet}, {@link #compareAndSet} (integer typecodes, not in
 * CPython) are exact without any lock.
 *
 * <p>It serializes only while a child process is being started; anywhere else it raises {@link SharingError}.
 */
public final class Array implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final AtomicLong IDS = new AtomicLong();

    private final CType type;
    private final int length;
    private final SharedMemory memory;
    private final int offset;
    /** Null for a raw array. */
    private final RLock lock;
    /** Unique across processes: names the array at a schedule's switch points. */
    private final String id = "array-" + ProcessHandle.current().pid() + "-" + IDS.incrementAndGet();

    /** Python's {@code Array(typecode, size_or_initializer)}, with its own lock. */
    public Array(char typecode, Object sizeOrInitializer) {
        this(typecode, sizeOrInitializer, true);
    }

    /** Python's {@code Array(typecode, size_or_initializer, lock=True/False)}. */
    public Array(char typecode, Object sizeOrInitializer, boolean lock) {
        this(CType.of(typecode), sizeOrInitializer, lock ? new RLock() : null);
    }

    /** Python's {@code Array(typecode, size_or_initializer, lock=rlock)}: guarded by a shared lock. */
    public Array(char typecode, Object sizeOrInitializer, RLock lock) {
        this(CType.of(typecode), sizeOrInitializer, java.util.Objects.requireNonNull(lock, "lock"));
    }

    private Array(CType type, Object sizeOrInitializer, RLock lock) {
        int size = sizeOf(sizeOrInitializer);
        long[] initial = size >= 0 ? null : initialBits(type, sizeOrInitializer);
        int n = initial == null ? size : initial.length;
        if ((long) n * type.size > Integer.MAX_VALUE - 4096) throw new IllegalArgumentException("array too large");
        // round up to 8 bytes: the lock-free update of a narrow element CASes the aligned int around it
        Arena.Slot slot = Arena.allocate((n * type.size + 7) & ~7);
        this.type = type;
        this.length = n;
        this.memory = slot.memory();
        this.offset = slot.offset();
        this.lock = lock;
        if (initial != null) {
            for (int i = 0; i < n; i++) type.write(memory, offset + i * type.size, initial[i]);
        }
    }

    /** Python's {@code RawArray(typecode, size_or_initializer)}: no lock. */
    public static Array raw(char typecode, Object sizeOrInitializer) {
        return new Array(typecode, sizeOrInitializer, false);
    }

    /** The size, if {@code init} is one (an integral number); -1 if it is an initializer. */
    private static int sizeOf(Object init) {
        if (init == null) throw new IllegalArgumentException("Array needs a size or an initializer, not null");
        if (!(init instanceof Integer || init instanceof Long || init instanceof Short || init instanceof Byte)) {
            return -1;
        }
        long size = ((Number) init).longValue();
        if (size < 0) throw new IllegalArgumentException("array size must not be negative (got " + size + ")");
        if (size > Integer.MAX_VALUE) throw new IllegalArgumentException("array too large");
        return (int) size;
    }

    /** The initial elements as stored bits. */
    private static long[] initialBits(CType type, Object init) {
        List<Object> items = new ArrayList<>();
        if (init instanceof int[] a) for (int v : a) items.add(v);
        else if (init instanceof long[] a) for (long v : a) items.add(v);
        else if (init instanceof double[] a) for (double v : a) items.add(v);
        else if (init instanceof float[] a) for (float v : a) items.add(v);
        else if (init instanceof short[] a) for (short v : a) items.add(v);
        else if (init instanceof byte[] a) {
            for (byte v : a) items.add(type == CType.CHAR ? (Object) new byte[] {v} : (Object) v);
        } else if (init instanceof char[] a) for (char v : a) items.add(v);
        else if (init instanceof String s) {
            if (type != CType.CHAR) throw new IllegalArgumentException("a string initializer needs typecode 'c'");
            for (int i = 0; i < s.length(); i++) items.add(s.charAt(i));
        } else if (init instanceof Object[] a) items.addAll(List.of(a));
        else if (init instanceof Collection<?> c) items.addAll(c);
        else {
            throw new IllegalArgumentException("Array needs a size or an initializer (array or collection), not "
                    + init.getClass().getSimpleName());
        }
        long[] bits = new long[items.size()];
        for (int i = 0; i < bits.length; i++) bits[i] = type.bitsOf(items.get(i));
        return bits;
    }

    public char typecode() {
        return type.code;
    }

    /** Python's {@code len(a)}. */
    public int length() {
        return length;
    }

    public boolean isSynchronized() {
        return lock != null;
    }

    /** Python's {@code get_lock()}. A raw array has none: {@link UnsupportedOperationException}. */
    public RLock getLock() {
        if (lock == null) throw new UnsupportedOperationException("a raw Array has no lock ('get_lock')");
        return lock;
    }

    /** {@code try (var held = array.hold()) { … }}: Python's {@code with array:}. */
    public Held hold() {
        RLock l = getLock();
        l.acquire();
        return l::release;
    }

    // ---- elements -----------------------------------------------------------------------------------------

    private int at(int index) {
        int i = index < 0 ? index + length : index;
        if (i < 0 || i >= length) throw new IndexOutOfBoundsException("array index out of range");
        return offset + i * type.size;
    }

    private long readBits(int index) {
        int at = at(index);
        if (SwitchPoint.ACTIVE) SwitchPoint.reached(TraceEvent.VALUE_GET, id + "[" + index + "]");
        if (lock == null || lock.isMine()) return type.read(memory, at); // held already: see Value.readBits
        lock.acquire(true, -1, false);
        try {
            return type.read(memory, at);
        } finally {
            lock.release(false);
        }
    }

    private void writeBits(int index, long bits) {
        int at = at(index);
        if (SwitchPoint.ACTIVE) SwitchPoint.reached(TraceEvent.VALUE_SET, id + "[" + index + "]");
        if (lock == null || lock.isMine()) {
            type.write(memory, at, bits);
            return;
        }
        lock.acquire(true, -1, false);
        try {
            type.write(memory, at, bits);
        } finally {
            lock.release(false);
        }
    }

    /** Python's {@code a[i]}: Integer, Long, Double, or Byte for {@code c} (as {@link Value#get()}). */
    public Number get(int index) {
        return type.box(readBits(index));
    }

    /** Python's {@code a[i] = x}. */
    public void set(int index, Object value) {
        long bits = type.bitsOf(value);
        writeBits(index, bits);
    }

    public int getInt(int index) {
        return Math.toIntExact(getLong(index));
    }

    public void setInt(int index, int value) {
        writeBits(index, type.bitsOfLong(value));
    }

    /** Integer typecodes and {@code c} only; {@code L}/{@code Q} as raw 64 bits. */
    public long getLong(int index) {
        if (type.kind == CType.Kind.FLOAT) {
            throw new IllegalStateException("Array('" + type.code + "') holds floats: use getDouble()");
        }
        return readBits(index);
    }

    public void setLong(int index, long value) {
        writeBits(index, type.bitsOfLong(value));
    }

    /** The element as a double; integer types widen. */
    public double getDouble(int index) {
        return type.asDouble(readBits(index));
    }

    /** An integer type refuses a float, as ctypes does. */
    public void setDouble(int index, double value) {
        set(index, value);
    }

    /** Python's {@code a[:]}: every element, read under the lock as one snapshot. */
    public List<Number> toList() {
        List<Number> list = new ArrayList<>(length);
        for (long bits : snapshot()) list.add(type.box(bits));
        return list;
    }

    private long[] snapshot() {
        long[] bits = new long[length];
        if (lock != null) lock.acquire(true, -1, false);
        try {
            for (int i = 0; i < length; i++) bits[i] = type.read(memory, offset + i * type.size);
        } finally {
            if (lock != null) lock.release(false);
        }
        return bits;
    }

    /** The {@code c} array's bytes (Python's {@code a.raw} / {@code a[:]} for a char array). */
    public byte[] toBytes() {
        long[] bits = snapshot();
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) bytes[i] = (byte) bits[i];
        return bytes;
    }

    /** A {@code c} array as text, one char per byte (ISO-8859-1). */
    public String toText() {
        if (type != CType.CHAR) throw new IllegalStateException("toText() needs typecode 'c', not '" + type.code + "'");
        return new String(toBytes(), StandardCharsets.ISO_8859_1);
    }

    // ---- lock-free ----------------------------------------------------------------------------------------

    /** Atomically adds {@code delta} to element {@code index}; returns its previous value. No lock. */
    public long getAndAdd(int index, long delta) {
        type.requireInteger("getAndAdd");
        if (SwitchPoint.ACTIVE) SwitchPoint.reached(TraceEvent.ATOMIC_UPDATE, id + "[" + index + "]");
        return type.getAndAdd(memory, at(index), delta);
    }

    /** Atomically adds {@code delta} to element {@code index}; returns its new value. No lock. */
    public long addAndGet(int index, long delta) {
        type.requireInteger("addAndGet");
        if (SwitchPoint.ACTIVE) SwitchPoint.reached(TraceEvent.ATOMIC_UPDATE, id + "[" + index + "]");
        return type.wrap(type.getAndAdd(memory, at(index), delta) + delta);
    }

    public long incrementAndGet(int index) {
        return addAndGet(index, 1);
    }

    public long decrementAndGet(int index) {
        return addAndGet(index, -1);
    }

    /** Atomically sets element {@code index} to {@code update} if it is {@code expected}. No lock. */
    public boolean compareAndSet(int index, long expected, long update) {
        type.requireInteger("compareAndSet");
        if (SwitchPoint.ACTIVE) SwitchPoint.reached(TraceEvent.ATOMIC_UPDATE, id + "[" + index + "]");
        return type.compareAndSet(memory, at(index), expected, update);
    }

    // ---- serialization, repr ------------------------------------------------------------------------------

    private void writeObject(ObjectOutputStream out) throws IOException {
        Reduction.assertSpawning(this);
        out.defaultWriteObject();
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (type == null || memory == null || length < 0 || offset < 0 || (offset & 7) != 0
                || (long) offset + (long) length * type.size > memory.size) {
            throw new InvalidObjectException("corrupt Array");
        }
    }

    /** Python's repr of {@code a[:]}: {@code [0.0, 100.0, 200.0]}, or {@code b'abc'} for typecode {@code c}. */
    @Override
    public String toString() {
        long[] bits = snapshot();
        StringBuilder sb = new StringBuilder(2 + length * 4);
        if (type == CType.CHAR) {
            sb.append("b'");
            for (long b : bits) sb.append(CType.byteRepr((int) b));
            return sb.append('\'').toString();
        }
        sb.append('[');
        for (int i = 0; i < bits.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(type.repr(bits[i]));
        }
        return sb.append(']').toString();
    }
}
