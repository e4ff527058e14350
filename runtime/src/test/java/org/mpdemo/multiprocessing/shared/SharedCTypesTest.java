package org.mpdemo.multiprocessing.shared;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mpdemo.multiprocessing.Process;
import org.mpdemo.multiprocessing.errors.SharingError;
import org.mpdemo.multiprocessing.internal.reduction.Reduction;

/** {@link Value} and {@link Array}: typecodes, conversions, messages, locks, and lock-free arithmetic across processes. */
@Timeout(60)
class SharedCTypesTest {

    @Test
    void typedSettersStoreWhatSetStores() {
        long[] samples = {0, 1, -1, 127, 128, 255, 256, 300, 32768, -32769, 1L << 31, -(1L << 31) - 1, 1L << 53,
                Long.MAX_VALUE, Long.MIN_VALUE};
        for (char code : "bBhHiIlLqQcfd".toCharArray()) {
            for (long n : samples) {
                Value boxed = Value.raw(code, 0);
                Value typed = Value.raw(code, 0);
                boxed.set(n);
                typed.setLong(n);
                assertEquals(boxed.get(), typed.get(), "setLong(" + n + ") on '" + code + "'");
                boxed.set((int) n);
                typed.setInt((int) n);
                assertEquals(boxed.get(), typed.get(), "setInt(" + (int) n + ") on '" + code + "'");
                Array a = Array.raw(code, 2);
                a.set(0, n);
                a.setLong(1, n);
                assertEquals(a.get(0), a.get(1), "Array.setLong(" + n + ") on '" + code + "'");
            }
        }
    }

    @Test
    void valueTypecodesStoreWhatCStores() {
        assertEquals(0, new Value('i').get());
        assertEquals(7, new Value('i', 7).get());
        assertEquals(-5L, new Value('q', -5).get());
        assertEquals(1L << 40, new Value('l', 1L << 40).getLong());
        assertEquals(44, new Value('b', 300).get(), "c_byte(300) is 44");
        assertEquals(255, new Value('B', -1).get());
        assertEquals(-32768, new Value('h', 32768).get());
        assertEquals(65535, new Value('H', -1).get());
        assertEquals(4294967295L, new Value('I', -1).get());
        assertEquals(-1L, new Value('Q', -1).getLong(), "raw 64 bits");
        assertEquals(1.8446744073709552E19, new Value('Q', -1).getDouble());
        assertEquals(0.10000000149011612, new Value('f', 0.1).get(), "a C float read back as a double");
        assertEquals(2.5, new Value('d', 2.5).getDouble());
        assertEquals(3.0, new Value('d', 3).getDouble(), "an int is accepted by a double");
        assertEquals('a', new Value('c', 'a').getChar());
        assertEquals((byte) 'z', new Value('c', "z").get());

        Value v = new Value('i', 0);
        v.setInt(41);
        v.set(v.getInt() + 1);
        assertEquals(42, v.getInt());
        v.setLong(1L << 33); // truncated, as ctypes does
        assertEquals(0, v.getInt());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v.setDouble(1.5));
        assertEquals("int expected instead of float", e.getMessage());
        assertThrows(IllegalStateException.class, () -> new Value('d').getLong());
        assertThrows(IllegalStateException.class, () -> new Value('d').incrementAndGet());
        assertThrows(ArithmeticException.class, () -> new Value('q', 1L << 40).getInt());
    }

    @Test
    void badInputIsRefusedWithPythonsWords() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Value('x', 0));
        assertTrue(e.getMessage().contains("bad typecode") && e.getMessage().contains(
                "(must be b, B, h, H, i, I, l, L, q, Q, f, d or c)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Array('z', 3));
        e = assertThrows(IllegalArgumentException.class, () -> new Array('i', -1));
        assertTrue(e.getMessage().contains("negative"), e.getMessage());
        Array a = new Array('i', 3);
        IndexOutOfBoundsException i = assertThrows(IndexOutOfBoundsException.class, () -> a.get(3));
        assertEquals("array index out of range", i.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> a.set(-4, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> a.getAndAdd(5, 1));
        assertThrows(IllegalArgumentException.class, () -> new Array('i', new double[] {1.5}));
        assertThrows(IllegalArgumentException.class, () -> new Array('d', "abc"));
        assertThrows(IllegalArgumentException.class, () -> new Array('i', new Object()));
    }

    @Test
    void arraysReadLikePythonLists() {
        Array a = new Array('d', new double[] {0, 100, 200});
        assertEquals("[0.0, 100.0, 200.0]", a.toString());
        assertEquals(List.of(0.0, 100.0, 200.0), a.toList());
        a.set(0, a.getDouble(0) + 1);
        a.set(-1, 1e16);
        assertEquals("[1.0, 100.0, 1e+16]", a.toString());
        assertEquals(3, a.length());

        Array ints = new Array('i', 4);
        assertEquals("[0, 0, 0, 0]", ints.toString());
        ints.set(-1, 9);
        assertEquals(9, ints.get(3));
        assertEquals("[1, 2, 3]", new Array('h', List.of(1, 2, 3)).toString());
        assertEquals("[]", new Array('q', 0).toString());
        // Python: Array('f', [0.1, 0.00001])[:] and Array('d', [0.0001, 123456789.0, -2.5e-7])[:]
        assertEquals("[0.10000000149011612, 9.999999747378752e-06]",
                new Array('f', new float[] {0.1f, 0.00001f}).toString());
        assertEquals("[0.0001, 123456789.0, -2.5e-07]", new Array('d', List.of(0.0001, 123456789.0, -2.5e-7)).toString());

        Array chars = new Array('c', "hi\n");
        assertEquals("b'hi\\n'", chars.toString());
        assertEquals("hi\n", chars.toText());
        assertArrayEquals(new byte[] {'h', 'i', '\n'}, chars.toBytes());

        assertEquals("<Synchronized wrapper for c_int(5)>", new Value('i', 5).toString());
        assertEquals("c_double(2.5)", Value.raw('d', 2.5).toString());
        assertEquals("c_char(b'a')", Value.raw('c', 'a').toString());
    }

    @Test
    void locksAreRLocksOrAbsent() {
        Value v = new Value('i', 0);
        RLock lock = v.getLock();
        try (var held = v.hold()) {
            v.set(v.getInt() + 1); // recursion: the wrapper takes the same RLock again
            assertEquals(1, v.getInt());
        }
        assertTrue(lock.acquire(false));
        lock.release();
        RLock shared = new RLock();
        Value a = new Value('i', 0, shared);
        Array b = new Array('i', 2, shared);
        assertSame(shared, a.getLock());
        assertSame(shared, b.getLock());
        Value raw = Value.raw('i', 0);
        assertFalse(raw.isSynchronized());
        assertThrows(UnsupportedOperationException.class, raw::getLock);
        assertThrows(UnsupportedOperationException.class, () -> new Array('i', 1, false).getLock());
    }

    @Test
    void lockFreeArithmeticOnEveryIntegerWidth() {
        for (char t : "bBhHiIlLqQ".toCharArray()) {
            Array a = Array.raw(t, 5);
            assertEquals(0, a.getAndAdd(1, 5), "typecode " + t);
            assertEquals(6, a.incrementAndGet(1));
            assertTrue(a.compareAndSet(1, 6, 100));
            assertFalse(a.compareAndSet(1, 6, 7));
            assertEquals(99, a.decrementAndGet(1));
            assertEquals("[0, 99, 0, 0, 0]", a.toString(), "neighbours untouched, typecode " + t);
        }
        Value b = Value.raw('b', 127);
        assertEquals(-128, b.incrementAndGet(), "wraps at the width");
        Value ub = Value.raw('B', 255);
        assertEquals(0, ub.incrementAndGet());
        Value ui = Value.raw('I', 0);
        assertEquals(4294967295L, ui.decrementAndGet());
        assertTrue(ui.compareAndSet(4294967295L, 1));
        assertFalse(ui.compareAndSet(-1, 2), "-1 can never be held by an unsigned int");
    }

    @Test
    void refusesToTravelOutsideProcessStart() {
        SharingError e = assertThrows(SharingError.class, () -> Reduction.serialize(new Value('i', 0)));
        assertEquals("Value objects should only be shared between processes through inheritance", e.getMessage());
        e = assertThrows(SharingError.class, () -> Reduction.serialize(Array.raw('d', 2)));
        assertEquals("Array objects should only be shared between processes through inheritance", e.getMessage());
    }

    // ---- across processes ---------------------------------------------------------------------------------

    static final int N = 5000;

    static void addLockFree(Value total, Array counts) {
        for (int i = 0; i < N; i++) {
            total.getAndAdd(1);
            counts.incrementAndGet(i % counts.length());
        }
    }

    @Test
    void getAndAddIsExactAcrossProcessesWithoutALock() {
        Value total = Value.raw('q', 0);
        Array counts = Array.raw('h', 3); // narrow elements: CAS on the int around them
        Process a = new Process(SharedCTypesTest::addLockFree, total, counts).start();
        Process b = new Process(SharedCTypesTest::addLockFree, total, counts).start();
        addLockFree(total, counts);
        a.join(30);
        b.join(30);
        assertEquals(0, a.exitCode());
        assertEquals(0, b.exitCode());
        assertEquals(3L * N, total.getLong());
        assertEquals(3 * N, counts.getInt(0) + counts.getInt(1) + counts.getInt(2));
        assertEquals(3 * ((N + 2) / 3), counts.getInt(0));
    }

    static void writeBack(Value v, Array a, Value seen) {
        seen.setInt(v.getInt() == 41 && a.getDouble(1) == 100.0 ? 1 : -1);
        v.setInt(v.getInt() + 1);
        a.set(2, 7.5);
        // and hand both on to a grandchild, which gets them from this process's descriptors
        Process grandchild = new Process(SharedCTypesTest::grandchild, v, a).start();
        grandchild.join(30);
        if (grandchild.exitCode() != 0) throw new IllegalStateException("grandchild failed");
    }

    static void grandchild(Value v, Array a) {
        v.incrementAndGet();
        a.set(0, a.getDouble(2) * 2);
    }

    @Test
    void childrenAndGrandchildrenSeeTheSameMemory() {
        Value v = new Value('i', 41);
        Array a = new Array('d', new double[] {0, 100, 200});
        Value seen = Value.raw('i', 0);
        Process child = new Process(SharedCTypesTest::writeBack, v, a, seen).start();
        child.join(30);
        assertEquals(0, child.exitCode());
        assertEquals(1, seen.getInt(), "the child saw the parent's values");
        assertEquals(43, v.getInt(), "child and grandchild wrote to the parent's memory");
        assertEquals("[15.0, 100.0, 7.5]", a.toString());
    }
}
