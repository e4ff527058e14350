package org.mpdemo.multiprocessing.shared;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import org.mpdemo.multiprocessing.Process;
import org.mpdemo.multiprocessing.errors.SharingError;
import org.mpdemo.multiprocessing.internal.reduction.Reduction;
import org.mpdemo.multiprocessing.internal.schedule.SwitchPoint;
import org.mpdemo.multiprocessing.internal.shm.Arena;
import org.mpdemo.multiprocessing.internal.shm.SharedMemory;
import org.mpdemo.multiprocessing.pool.Pool;
import org.mpdemo.multiprocessing.trace.Trace;
import org.mpdemo.multiprocessing.trace.TraceEvent;

/**
 * One C number in shared memory (CPython's {@code multiprocessing.Value}): every process that receives it — as a
 * {@link Process} argument or {@link Pool} initializer argument — reads and writes the same memory.
 *
 * <pre>{@code
 * Value counter = new Value('i', 0);          // Python: Value('i', 0)
 * counter.set(counter.getInt() + 1);          // counter.value += 1   (RACES between processes, as in Python)
 * try (var held = counter.getLock().hold()) { // with counter.get_lock(): counter.value += 1   (exact)
 *     counter.set(counter.getInt() + 1);
 * }
 * counter.incrementAndGet();                  // Java extra: one atomic instruction, no lock
 * }</pre>
 *
 * <h2>Typecodes</h2>
 * {@code b B h H i I l L q Q f d c}, with Linux 64-bit sizes: {@code b} int8, {@code h} int16, {@code i} int32,
 * {@code l} and {@code q} int64, upper case unsigned, {@code f} float, {@code d} double, {@code c} one byte
 * (Python's {@code c_char}). Anything else raises {@link IllegalArgumentException}. The value starts at zero
 * unless given. As in ctypes, integers are truncated to the width silently, and a float is refused for an integer
 * type ({@code "int expected instead of float"}).
 *
 * <h2>Reading and writing</h2>
 * {@link #get()} returns an {@link Integer} (types up to {@code i}), {@link Long} ({@code I l L q Q}; {@code L}
 * and {@code Q} as raw unsigned bits), {@link Double} ({@code f d}) or {@link Byte} ({@code c}); {@link #set}
 * takes any of those (a {@link Character} too for {@code c}). The typed accessors {@link #getInt()},
 * {@link #getLong()}, {@link #getDouble()}, {@link #getChar()} and their setters avoid the boxing.
 *
 * <h2>Locking, as CPython's synchronized wrapper</h2>
 * By default a Value has its own {@link RLock} ({@link #getLock()}), and every single get or set runs under it —
 * so each is atomic, but {@code v.set(v.getInt() + 1)} is a get and then a set, and two processes doing it at
 * once lose updates, exactly as {@code v.value += 1} does in Python. Hold {@link #getLock()} around the pair (or
 * use {@link #hold()}) to make it exact. {@code new Value('i', 0, false)} or {@link #raw} gives the unlocked
 * value (Python's {@code lock=False} / {@code RawValue}); {@code new Value('i', 0, someRLock)} shares a lock.
 *
 * <h2>Lock-free extras (not in CPython)</h2>
 * For integer typecodes: {@link #getAndAdd}, {@link #addAndGet}, {@link #incrementAndGet},
 * {@link #decrementAndGet} and {@link #compareAndSet} are single atomic read-modify-writes on the shared memory
 * — exact without any lock, whether or not the value has one.
 *
 * <p>Like the primitives, a Value serializes only while a child process is being started; anywhere else it raises
 * {@link SharingError} ("Value objects should only be shared between processes through inheritance").
 */
public final class Value implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final java.util.concurrent.atomic.AtomicLong IDS = new java.util.concurrent.atomic.AtomicLong();

    private final CType type;
    private final SharedMemory memory;
    private final int offset;
    /** Null for a raw value. */
    private final RLock lock;
    /** Unique across processes: the trace's {@code obj}. */
    private final String id = "value-" + ProcessHandle.current().pid() + "-" + IDS.incrementAndGet();

    /** A zero of the given type, with its own lock: Python's {@code Value(typecode)}. */
    public Value(char typecode) {
        this(typecode, null, true);
    }

    /** Python's {@code Value(typecode, initial)}: a number (or a character for {@code c}), with its own lock. */
    public Value(char typecode, Object initial) {
        this(typecode, initial, true);
    }

    /** Python's {@code Value(typecode, initial, lock=True/False)}. */
    public Value(char typecode, Object initial, boolean lock) {
        this(CType.of(typecode), initial, lock ? new RLock() : null);
    }

    /** Python's {@code Value(typecode, initial, lock=rlock)}: guarded by a lock shared with other objects. */
    public Value(char typecode, Object initial, RLock lock) {
        this(CType.of(typecode), initial, java.util.Objects.requireNonNull(lock, "lock"));
    }

    private Value(CType type, Object initial, RLock lock) {
        long bits = initial == null ? 0 : type.bitsOf(initial);
        Arena.Slot slot = Arena.allocate(8);
        this.type = type;
        this.memory = slot.memory();
        this.offset = slot.offset();
        this.lock = lock;
        type.write(memory, offset, bits);
    }

    /** Python's {@code RawValue(typecode, initial)}: no lock; each access is a plain memory access. */
    public static Value raw(char typecode, Object initial) {
        return new Value(typecode, initial, false);
    }

    /** The typecode it was made with. */
    public char typecode() {
        return type.code;
    }

    /** Whether it has a lock (false for a raw value). */
    public boolean isSynchronized() {
        return lock != null;
    }

    /** Python's {@code get_lock()}. A raw value has none: {@link UnsupportedOperationException}. */
    public RLock getLock() {
        if (lock == null) throw new UnsupportedOperationException("a raw Value has no lock ('get_lock')");
        return lock;
    }

    /** {@code try (var held = value.hold()) { … }}: Python's {@code with value:} (holds {@link #getLock()}). */
    public Held hold() {
        RLock l = getLock();
        l.acquire();
        return l::release;
    }

    // ---- get / set ----------------------------------------------------------------------------------------

    // Each access is recorded (when values are traced) while the lock is still held, so the trace orders reads
    // and writes as they really happened: the race statistics tell a lost update from them.

    // Already holding the lock (inside getLock().hold(), the usual way to update a synchronized value), a get or
    // set needs no recursive acquire: nobody else can take the lock meanwhile, and it saves most of the work.

    private long readBits() {
        SwitchPoint.reached(TraceEvent.VALUE_GET, id);
        if (lock == null || lock.isMine()) return traced(TraceEvent.VALUE_GET, type.read(memory, offset));
        lock.acquire(true, -1, false);
        try {
            return traced(TraceEvent.VALUE_GET, type.read(memory, offset));
        } finally {
            lock.release(false);
        }
    }

    private void writeBits(long bits) {
        SwitchPoint.reached(TraceEvent.VALUE_SET, id);
        if (lock == null || lock.isMine()) {
            type.write(memory, offset, bits);
            traced(TraceEvent.VALUE_SET, bits);
            return;
        }
        lock.acquire(true, -1, false);
        try {
            type.write(memory, offset, bits);
            traced(TraceEvent.VALUE_SET, bits);
        } finally {
            lock.release(false);
        }
    }

    private long traced(TraceEvent event, long bits) {
        if (Trace.values()) Trace.event(event, "obj", id, "value", type.box(bits));
        return bits;
    }

    /** Python's {@code .value}: Integer, Long, Double, or Byte for {@code c} (see the class comment). */
    public Number get() {
        return type.box(readBits());
    }

    /** Python's {@code .value = x}. */
    public void set(Object value) {
        writeBits(type.bitsOf(value));
    }

    /** The value as an int; {@link ArithmeticException} if it does not fit, {@link IllegalStateException} for f/d. */
    public int getInt() {
        return Math.toIntExact(getLong());
    }

    public void setInt(int value) {
        writeBits(type.bitsOfLong(value));
    }

    /** The value as a long (for {@code L}/{@code Q}, the raw 64 bits); integer typecodes and {@code c} only. */
    public long getLong() {
        if (type.kind == CType.Kind.FLOAT) {
            throw new IllegalStateException("Value('" + type.code + "') holds a float: use getDouble()");
        }
        return readBits();
    }

    public void setLong(long value) {
        writeBits(type.bitsOfLong(value));
    }

    /** The value as a double; integer types widen. */
    public double getDouble() {
        return type.asDouble(readBits());
    }

    /** Sets a {@code f} or {@code d} value; an integer type refuses a float, as ctypes does. */
    public void setDouble(double value) {
        set(value);
    }

    /** A {@code c} value as a char from {@code \u0000} to {@code \u00ff}. */
    public char getChar() {
        if (type != CType.CHAR) {
            throw new IllegalStateException("getChar() needs typecode 'c', not '" + type.code + "'");
        }
        return (char) readBits();
    }

    public void setChar(char value) {
        set(value);
    }

    // ---- lock-free ----------------------------------------------------------------------------------------

    /** Atomically adds {@code delta} (wrapping at the type's width); returns the previous value. No lock. */
    public long getAndAdd(long delta) {
        type.requireInteger("getAndAdd");
        SwitchPoint.reached(TraceEvent.ATOMIC_UPDATE, id);
        return type.getAndAdd(memory, offset, delta);
    }

    /** Atomically adds {@code delta}; returns the new value. No lock. */
    public long addAndGet(long delta) {
        type.requireInteger("addAndGet");
        SwitchPoint.reached(TraceEvent.ATOMIC_UPDATE, id);
        return type.wrap(type.getAndAdd(memory, offset, delta) + delta);
    }

    /** Atomically adds one; returns the new value. No lock. */
    public long incrementAndGet() {
        return addAndGet(1);
    }

    /** Atomically subtracts one; returns the new value. No lock. */
    public long decrementAndGet() {
        return addAndGet(-1);
    }

    /** Atomically sets {@code update} if the value is {@code expected}; returns whether it did. No lock. */
    public boolean compareAndSet(long expected, long update) {
        type.requireInteger("compareAndSet");
        SwitchPoint.reached(TraceEvent.ATOMIC_UPDATE, id);
        return type.compareAndSet(memory, offset, expected, update);
    }

    // ---- serialization, repr ------------------------------------------------------------------------------

    private void writeObject(ObjectOutputStream out) throws IOException {
        Reduction.assertSpawning(this);
        out.defaultWriteObject();
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (type == null || memory == null || offset < 0 || offset + 8 > memory.size || (offset & 7) != 0) {
            throw new InvalidObjectException("corrupt Value");
        }
    }

    /** CPython's repr: {@code <Synchronized wrapper for c_int(5)>}, or {@code c_int(5)} for a raw value. */
    @Override
    public String toString() {
        String inner = type.cName + "(" + type.repr(readBits()) + ")";
        return lock == null ? inner : "<Synchronized wrapper for " + inner + ">";
    }
}
