package org.mpdemo.multiprocessing.internal.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link SharedMemory}'s accessors by address ({@link DirectMemory}): the same values as the byte buffer holds,
 * and the same refusals as the VarHandles they stand in for — never a write outside the mapping.
 */
class SharedMemoryAccessTest {

    @Test
    void unsafeAccessIsInUseUpToJdk23() {
        if (Runtime.version().feature() < 24) assertNotNull(DirectMemory.UNSAFE, "Unsafe should serve here");
    }

    @Test
    void accessorsReadAndWriteTheMapping() {
        Arena.Slot slot = Arena.allocate(64);
        SharedMemory m = slot.memory();
        int at = slot.offset();
        m.setIntVolatile(at, 41);
        assertTrue(m.compareAndSetInt(at, 41, 42));
        assertFalse(m.compareAndSetInt(at, 41, 43));
        assertEquals(42, m.getAndAddInt(at, 1));
        assertEquals(43, m.buffer.getInt(at), "what the byte buffer sees");
        m.setLongRelease(at + 8, 1L << 40);
        assertEquals(1L << 40, m.getLongAcquire(at + 8));
        assertTrue(m.compareAndSetLong(at + 8, 1L << 40, 7));
        assertEquals(7, m.getAndAddLong(at + 8, 3));
        assertEquals(10, m.getLongVolatile(at + 8));
        m.setShortPlain(at + 16, (short) -2);
        m.setBytePlain(at + 18, (byte) 5);
        assertEquals(-2, m.getShortPlain(at + 16));
        assertEquals(5, m.getBytePlain(at + 18));
        assertEquals(5, m.buffer.get(at + 18));
    }

    @Test
    void offsetsOutsideTheMappingOrMisalignedAreRefused() {
        SharedMemory m = SharedMemory.create(4096);
        assertThrows(IndexOutOfBoundsException.class, () -> m.getIntVolatile(4096));
        assertThrows(IndexOutOfBoundsException.class, () -> m.getIntVolatile(4094));
        assertThrows(IndexOutOfBoundsException.class, () -> m.setLongRelease(-8, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> m.compareAndSetLong(4090, 0, 1));
        // misaligned: refused (IndexOutOfBoundsException by address, IllegalStateException from a VarHandle)
        assertThrows(RuntimeException.class, () -> m.compareAndSetInt(2, 0, 1));
        assertEquals(0, m.getIntVolatile(4092), "the last int is in bounds");
    }
}
