package org.mpdemo.multiprocessing.internal.shm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A mapping read and written at byte offsets, each accessor naming its memory ordering, Agrona style:
 * {@code getIntVolatile}, {@code getIntAcquire}, {@code setIntRelease}, {@code compareAndSetInt},
 * {@code getAndAddInt}, the same for {@code long}, and plain access to bytes and shorts.
 *
 * <p>Every accessor goes through {@link DirectMemory} (Unsafe, by address: cheap also before the JIT compiles the
 * caller) where it is silent, else through byte-buffer view {@link VarHandle}s in native byte order. {@code U} is
 * a static final, so the JIT folds the choice away and each accessor compiles to the one instruction it names.
 * Either way an offset is checked against the mapping, and atomic access needs an offset aligned to the width.
 * The accessors are final and live on the object that shared objects hold, so a lock's CAS is one call, with no
 * object in between.
 *
 * <p>{@code reachabilityFence(this)} keeps this object, and so the mapping, alive until an access by address is
 * done.
 */
public abstract sealed class AtomicMemory permits SharedMemory {
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final sun.misc.Unsafe U = DirectMemory.UNSAFE;

    /** The mapping, in native byte order. */
    public final ByteBuffer buffer;
    /** The mapping's address, for futex calls; 0 until {@link Futex} asks. */
    volatile long address;
    /** The mapping's address for {@link DirectMemory} access; 0 when VarHandles serve. */
    private final long base;
    /** Bytes addressable through {@link #base}. */
    private final int limit;

    AtomicMemory(ByteBuffer buffer) {
        this.buffer = buffer.order(ByteOrder.nativeOrder());
        this.base = DirectMemory.addressOf(buffer);
        this.limit = buffer.capacity();
    }

    /** The address of {@code width} bytes at {@code offset}, checked as the VarHandles would check it. */
    private long at(int offset, int width) {
        if (offset < 0 || offset > limit - width || (offset & (width - 1)) != 0 || base == 0) {
            throw outside(offset, width);
        }
        return base + offset;
    }

    /** Out of line, so that {@link #at} stays small enough for C1 to inline. */
    private IndexOutOfBoundsException outside(int offset, int width) {
        return new IndexOutOfBoundsException("offset " + offset + " (width " + width + ") in " + this);
    }

    // ---- bulk copies (ordered by the lock that guards them) --------------------------------------------------

    public final void getBytes(int offset, byte[] into, int from, int length) {
        buffer.get(offset, into, from, length);
    }

    public final void putBytes(int offset, byte[] bytes, int from, int length) {
        buffer.put(offset, bytes, from, length);
    }

    // ---- loads: volatile, and acquire ---------------------------------------------------------------------
    // On the platforms we run on a volatile load is as cheap as an acquire, so Unsafe's volatile load serves both.

    public final int getIntVolatile(int offset) {
        if (U == null) return (int) INT.getVolatile(buffer, offset);
        try { return U.getIntVolatile(null, at(offset, 4)); } finally { Reference.reachabilityFence(this); }
    }

    public final long getLongVolatile(int offset) {
        if (U == null) return (long) LONG.getVolatile(buffer, offset);
        try { return U.getLongVolatile(null, at(offset, 8)); } finally { Reference.reachabilityFence(this); }
    }

    public final int getIntAcquire(int offset) {
        if (U == null) return (int) INT.getAcquire(buffer, offset);
        try { return U.getIntVolatile(null, at(offset, 4)); } finally { Reference.reachabilityFence(this); }
    }

    public final long getLongAcquire(int offset) {
        if (U == null) return (long) LONG.getAcquire(buffer, offset);
        try { return U.getLongVolatile(null, at(offset, 8)); } finally { Reference.reachabilityFence(this); }
    }

    // ---- stores: volatile, and release ---------------------------------------------------------------------

    public final void setIntVolatile(int offset, int value) {
        if (U == null) INT.setVolatile(buffer, offset, value);
        else try { U.putIntVolatile(null, at(offset, 4), value); } finally { Reference.reachabilityFence(this); }
    }

    public final void setLongVolatile(int offset, long value) {
        if (U == null) LONG.setVolatile(buffer, offset, value);
        else try { U.putLongVolatile(null, at(offset, 8), value); } finally { Reference.reachabilityFence(this); }
    }

    public final void setIntRelease(int offset, int value) {
        if (U == null) INT.setRelease(buffer, offset, value);
        else try { U.putOrderedInt(null, at(offset, 4), value); } finally { Reference.reachabilityFence(this); }
    }

    public final void setLongRelease(int offset, long value) {
        if (U == null) LONG.setRelease(buffer, offset, value);
        else try { U.putOrderedLong(null, at(offset, 8), value); } finally { Reference.reachabilityFence(this); }
    }

    // ---- read-modify-writes --------------------------------------------------------------------------------

    public final boolean compareAndSetInt(int offset, int expected, int value) {
        if (U == null) return INT.compareAndSet(buffer, offset, expected, value);
        try {
            return U.compareAndSwapInt(null, at(offset, 4), expected, value);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    public final boolean compareAndSetLong(int offset, long expected, long value) {
        if (U == null) return LONG.compareAndSet(buffer, offset, expected, value);
        try {
            return U.compareAndSwapLong(null, at(offset, 8), expected, value);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    public final int getAndAddInt(int offset, int delta) {
        if (U == null) return (int) INT.getAndAdd(buffer, offset, delta);
        try { return U.getAndAddInt(null, at(offset, 4), delta); } finally { Reference.reachabilityFence(this); }
    }

    public final long getAndAddLong(int offset, long delta) {
        if (U == null) return (long) LONG.getAndAdd(buffer, offset, delta);
        try { return U.getAndAddLong(null, at(offset, 8), delta); } finally { Reference.reachabilityFence(this); }
    }

    // ---- plain (non-atomic, unordered) access to narrow fields; callers order them with a lock or a CAS --------

    public final byte getBytePlain(int offset) {
        if (U == null) return buffer.get(offset);
        try { return U.getByte(at(offset, 1)); } finally { Reference.reachabilityFence(this); }
    }

    public final void setBytePlain(int offset, byte value) {
        if (U == null) buffer.put(offset, value);
        else try { U.putByte(at(offset, 1), value); } finally { Reference.reachabilityFence(this); }
    }

    public final short getShortPlain(int offset) {
        if (U == null) return buffer.getShort(offset);
        try { return U.getShort(at(offset, 2)); } finally { Reference.reachabilityFence(this); }
    }

    public final void setShortPlain(int offset, short value) {
        if (U == null) buffer.putShort(offset, value);
        else try { U.putShort(at(offset, 2), value); } finally { Reference.reachabilityFence(this); }
    }
}
