package org.mpdemo.multiprocessing.internal.shm;

import java.lang.reflect.Field;
import java.nio.Buffer;

/**
 * Atomic access to mapped memory by address, through {@code sun.misc.Unsafe}, for {@link AtomicMemory}'s
 * accessors. {@code null} {@link #UNSAFE} means "not available here": the accessors then use byte-buffer
 * {@code VarHandle}s, which are as fast once compiled.
 *
 * <p>Why not VarHandles alone: a child JVM's hot loop runs interpreted for its first thousands of iterations,
 * and an interpreted byte-buffer VarHandle call walks a dozen method-handle frames, which made a lock
 * acquire+release many times dearer than the rest of the loop. Interpreted, an Unsafe call is one native call;
 * compiled, the same single instruction. A process that takes a lock often would spend most of its life warming
 * up.
 *
 * <p>Used only where it is silent: up to JDK 23. JDK 24 prints a warning on first use of Unsafe's memory
 * access (JEP 498), which would land in a demo's output; there the VarHandles serve.
 */
final class DirectMemory {
    static final sun.misc.Unsafe UNSAFE = unsafe();
    private static final long ADDRESS = addressOffset();

    private DirectMemory() {
    }

    /** The address of a direct buffer's first byte, or 0 if Unsafe is not in use. */
    static long addressOf(Buffer direct) {
        if (UNSAFE == null || !direct.isDirect()) return 0;
        return UNSAFE.getLong(direct, ADDRESS);
    }

    private static sun.misc.Unsafe unsafe() {
        if (Runtime.version().feature() >= 24 || Boolean.getBoolean("mpdemo.noUnsafe")) return null;
        try {
            Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            sun.misc.Unsafe u = (sun.misc.Unsafe) f.get(null);
            u.objectFieldOffset(Buffer.class.getDeclaredField("address")); // must work too
            return u;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static long addressOffset() {
        try {
            return UNSAFE == null ? -1 : UNSAFE.objectFieldOffset(Buffer.class.getDeclaredField("address"));
        } catch (NoSuchFieldException e) {
            return -1;
        }
    }
}
