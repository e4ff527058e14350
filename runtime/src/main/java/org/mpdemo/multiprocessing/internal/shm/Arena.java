package org.mpdemo.multiprocessing.internal.shm;

/**
 * Where every shared object of this process gets its words: 64-byte-aligned slots carved by bump allocation from
 * the current arena segment ({@value #ARENA_SIZE} bytes; a new one when it is full). An allocation larger than a
 * quarter of that gets a {@link SharedMemory} segment of its own.
 *
 * <p>Slots are never reused: a slot may still be in use by another process, and no process can know when the
 * last user is done with it. The pages of a segment are only allocated by the kernel when touched, and are zero
 * at first, so a fresh slot reads as zero.
 */
public final class Arena {
    /** Bytes in one arena segment; tmpfs allocates its pages only when they are touched. */
    public static final int ARENA_SIZE = 1 << 20;
    /** Every allocation starts on a cache line of its own. */
    public static final int ALIGN = 64;
    /** Allocations larger than this get a segment of their own. */
    private static final int LARGE = ARENA_SIZE / 4;
    /** Bytes a segment of its own is rounded up to: a page. */
    private static final int PAGE = 4096;

    private static final Object LOCK = new Object();
    /** The segment slots are carved from now; guarded by {@link #LOCK}. */
    private static SharedMemory current;
    /** The offset of the next free byte in {@link #current}; guarded by {@link #LOCK}. */
    private static int next;

    private Arena() {
    }

    /** A piece of a segment: where a shared object keeps its words. */
    public record Slot(SharedMemory memory, int offset) {
    }

    /** Allocates {@code bytes} zeroed bytes, 64-byte aligned, from this process's arena. */
    public static Slot allocate(int bytes) {
        if (bytes < 0) throw new IllegalArgumentException("negative size");
        int rounded = roundUp(Math.max(bytes, 8), ALIGN);
        if (rounded > LARGE) {
            if (bytes > Integer.MAX_VALUE - PAGE) throw new IllegalArgumentException("shared object too large");
            return new Slot(SharedMemory.create(roundUp(rounded, PAGE)), 0);
        }
        synchronized (LOCK) {
            if (current == null || next + rounded > current.size) {
                current = SharedMemory.create(ARENA_SIZE);
                next = 0;
            }
            Slot slot = new Slot(current, next);
            next += rounded;
            return slot;
        }
    }

    private static int roundUp(int n, int to) {
        return (n + to - 1) & -to;
    }
}
