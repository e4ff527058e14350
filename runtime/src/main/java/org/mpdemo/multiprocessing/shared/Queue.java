package org.mpdemo.multiprocessing.shared;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.List;
import org.mpdemo.multiprocessing.Process;
import org.mpdemo.multiprocessing.errors.ProcessError;
import org.mpdemo.multiprocessing.errors.SharingError;
import org.mpdemo.multiprocessing.internal.reduction.ByteReader;
import org.mpdemo.multiprocessing.internal.reduction.ByteWriter;
import org.mpdemo.multiprocessing.internal.reduction.Reduction;
import org.mpdemo.multiprocessing.internal.shm.Arena;
import org.mpdemo.multiprocessing.internal.shm.SharedMemory;

/**
 * A process-safe FIFO queue (CPython's {@code multiprocessing.Queue}), shared through inheritance: pass it to a
 * {@link Process} or a pool initializer.
 *
 * <p>Items are serialized into a ring buffer in shared memory, guarded by a process-shared lock; a semaphore
 * counts the items, so {@code get} sleeps in the kernel while the queue is empty. Unlike CPython's, there is
 * no feeder thread: when {@code put} returns, the item is in the queue, so {@link #empty()} right after a
 * {@code put} in the same process is accurate (CPython's may still say {@code True}). An item that cannot be
 * serialized — a {@link Lock}, say — fails in {@code put}, in the caller, with {@link SharingError}.
 *
 * @param <T> what the queue carries
 */
public class Queue<T> implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Default size of the ring buffer; an item must fit in it. Pages are only touched as they are used. */
    public static final int DEFAULT_BUFFER_BYTES = 1 << 20;

    private static final int HEAD = 0;   // long: bytes read so far
    private static final int TAIL = 8;   // long: bytes written so far
    private static final int RING = 64;  // the ring starts on its own cache line
    /** Bytes of a record's header: the length of the item's encoding that follows it. */
    private static final int HEADER = 4;

    private final int maxsize;
    private final int capacity;
    private final SharedMemory memory;
    private final int base;
    /** Guards the ring's words (package-private for a test: a process that dies holding it). */
    final Lock lock = Lock.untraced();
    private final Condition notFull = new Condition(lock, false);
    private final Semaphore items = Semaphore.untraced(0);
    /** Free places of a bounded queue; null when unbounded. */
    private final Semaphore places;
    private transient boolean closed;

    /** Raised by {@code put} on a full bounded queue (Python's {@code queue.Full}). */
    public static final class Full extends ProcessError {
        private static final long serialVersionUID = 1L;

        Full() {
            super("");
        }
    }

    /** Raised by {@code get} on an empty queue (Python's {@code queue.Empty}). */
    public static final class Empty extends ProcessError {
        private static final long serialVersionUID = 1L;

        Empty() {
            super("");
        }
    }

    /** An unbounded queue (Python's {@code Queue()}). */
    public Queue() {
        this(0);
    }

    /** A queue of at most {@code maxsize} items; 0 or less means unbounded (Python's {@code Queue(maxsize)}). */
    public Queue(int maxsize) {
        this(maxsize, DEFAULT_BUFFER_BYTES);
    }

    /** As {@link #Queue(int)}, with a ring buffer of {@code bufferBytes} (every item must fit). */
    public Queue(int maxsize, int bufferBytes) {
        if (bufferBytes < 64) throw new IllegalArgumentException("buffer of " + bufferBytes + " bytes is too small");
        this.maxsize = Math.max(0, maxsize);
        this.capacity = bufferBytes;
        Arena.Slot slot = Arena.allocate(RING + bufferBytes);
        this.memory = slot.memory();
        this.base = slot.offset();
        this.places = this.maxsize > 0 ? Semaphore.untraced(this.maxsize) : null;
    }

    /** Puts an item, waiting for room if the queue is bounded and full. */
    public void put(T item) {
        put(item, true, -1);
    }

    /**
     * Python's {@code put(obj, block, timeout)}: without {@code block}, or after {@code timeout} seconds
     * (negative: no limit), raises {@link Full} if there is no room.
     */
    public void put(T item, boolean block, double timeout) {
        if (closed) throw new IllegalStateException("Queue " + this + " is closed");
        byte[] data = Reduction.encodeList(java.util.Collections.singletonList(item));
        int need = HEADER + data.length;
        if (need > capacity) {
            throw new IllegalArgumentException("an item of " + data.length + " bytes does not fit this queue's "
                    + capacity + "-byte buffer (new Queue(maxsize, bufferBytes) makes a larger one)");
        }
        long deadline = deadline(block, timeout);
        if (places != null && !places.acquire(block, timeout)) throw new Full();
        // the time-out holds even against a process that died holding the queue's lock
        if (!lock.acquire(true, secondsUntil(deadline))) {
            if (places != null) places.release();
            throw new Full();
        }
        try {
            while (capacity - used() < need) {
                double left = deadline == Long.MAX_VALUE ? -1 : (deadline - System.nanoTime()) / 1e9;
                if (!block || (deadline != Long.MAX_VALUE && left <= 0)) {
                    if (places != null) places.release();
                    throw new Full();
                }
                notFull.await(left); // woken by a get, or timed out: the loop looks again
            }
            long tail = memory.getLongVolatile(base + TAIL);
            copyIn(tail, header(data.length));
            copyIn(tail + HEADER, data);
            memory.setLongRelease(base + TAIL, tail + need);
        } finally {
            lock.release();
        }
        items.release();
    }

    /** Removes and returns the oldest item, waiting for one. */
    public T get() {
        return get(true, -1);
    }

    /**
     * Python's {@code get(block, timeout)}: without {@code block}, or after {@code timeout} seconds (negative:
     * no limit), raises {@link Empty} if there is nothing to take.
     */
    @SuppressWarnings("unchecked")
    public T get(boolean block, double timeout) {
        long deadline = deadline(block, timeout);
        if (!items.acquire(block, timeout)) throw new Empty();
        byte[] data;
        if (!lock.acquire(true, secondsUntil(deadline))) {
            items.release(); // the item stays for another get
            throw new Empty();
        }
        try {
            long head = memory.getLongVolatile(base + HEAD);
            byte[] header = new byte[HEADER];
            copyOut(head, header);
            data = new byte[lengthIn(header)];
            copyOut(head + HEADER, data);
            memory.setLongRelease(base + HEAD, head + HEADER + data.length);
            notFull.signalAll();
        } finally {
            lock.release();
        }
        if (places != null) places.release();
        List<Object> decoded = Reduction.decodeList(data);
        return (T) decoded.get(0);
    }

    /** Python's {@code put_nowait}. */
    public void putNowait(T item) {
        put(item, false, -1);
    }

    /** Python's {@code get_nowait}. */
    public T getNowait() {
        return get(false, -1);
    }

    /**
     * Whether the queue holds no item right now. A monitoring method, as CPython's {@code empty()} is: another
     * process may put or get at once, so the answer is a snapshot, not a basis for synchronization (use
     * {@link #get(boolean, double)} with {@code block=false} to take an item if there is one).
     */
    public boolean empty() {
        return used() == 0;
    }

    /** Whether a bounded queue has no free place right now: a monitoring snapshot, as {@link #empty()} is. */
    public boolean full() {
        return places != null && places.getValue() == 0;
    }

    /**
     * About how many items are in the queue (exact when nobody is putting or getting): a monitoring snapshot, as
     * {@link #empty()} is, for reports and tests, not for deciding whether a {@code get} will block.
     */
    public int qsize() {
        return items.getValue();
    }

    /** Puts waiting for room in the ring right now, a snapshot (for tests). */
    int waitingForRoom() {
        return notFull.waiting();
    }

    /** This process will put no more items (Python's {@code close()}); others may still use the queue. */
    public void close() {
        closed = true;
    }

    /** When a call with Python's {@code block} and {@code timeout} gives up: now, never, or after the time-out. */
    private static long deadline(boolean block, double timeout) {
        if (!block) return System.nanoTime();
        return timeout < 0 ? Long.MAX_VALUE : System.nanoTime() + (long) (timeout * 1e9);
    }

    /** Seconds left until {@code deadline} for a timed acquire: -1 for none, 0 once it has passed. */
    private static double secondsUntil(long deadline) {
        return deadline == Long.MAX_VALUE ? -1 : Math.max(0, (deadline - System.nanoTime()) / 1e9);
    }

    private long used() {
        return memory.getLongVolatile(base + TAIL) - memory.getLongVolatile(base + HEAD);
    }

    // ---- a record in the ring: a header, written by ByteWriter, then the item as Reduction encodes it ----------

    /** The header of a record whose item takes {@code length} bytes. */
    private static byte[] header(int length) {
        return new ByteWriter(HEADER).writeInt(length).toByteArray();
    }

    /** The item's length that a record's {@link #header} gives, checked against the ring. */
    private int lengthIn(byte[] header) {
        int n;
        try {
            n = new ByteReader(header).readInt();
        } catch (IOException e) {
            throw new ProcessError("corrupt queue: " + e.getMessage(), e);
        }
        if (n < 0 || n + HEADER > capacity) throw new ProcessError("corrupt queue: item of " + n + " bytes");
        return n;
    }

    private void copyIn(long position, byte[] bytes) {
        int at = (int) (position % capacity);
        int first = Math.min(bytes.length, capacity - at);
        memory.putBytes(base + RING + at, bytes, 0, first);
        if (first < bytes.length) memory.putBytes(base + RING, bytes, first, bytes.length - first);
    }

    private void copyOut(long position, byte[] into) {
        int at = (int) (position % capacity);
        int first = Math.min(into.length, capacity - at);
        memory.getBytes(base + RING + at, into, 0, first);
        if (first < into.length) memory.getBytes(base + RING, into, first, into.length - first);
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        Reduction.assertSpawning(this);
        out.defaultWriteObject();
    }

    @Override
    public String toString() {
        return "<Queue maxsize=" + maxsize + " qsize~" + qsize() + ">";
    }
}
