package org.mpdemo.multiprocessing.managers;

import java.nio.ByteBuffer;
import java.util.NoSuchElementException;
import org.mpdemo.multiprocessing.internal.wire.ManagerProtocol;
import org.mpdemo.multiprocessing.shared.Queue;

/**
 * A proxy for a manager's {@code Queue} (Python's {@code queue.Queue}, unbounded). Items are encoded by the
 * sender and decoded by the receiver; the manager stores them as bytes. An empty queue raises
 * {@link NoSuchElementException} (Python's {@code queue.Empty}).
 */
public final class QueueProxy<T> extends ManagerProxy {
    private static final long serialVersionUID = 1L;

    QueueProxy(Ref ref) {
        super(ref);
    }

    public void put(T item) {
        byte[] encoded = ManagerProtocol.encode(item);
        begin(ManagerProtocol.PUT).put(encoded);
        call();
    }

    /** Waits for an item. */
    public T get() {
        return get(true, -1);
    }

    /** Python's {@code get(block, timeout)}: waits at most {@code timeout} seconds (negative: no limit). */
    @SuppressWarnings("unchecked")
    public T get(boolean block, double timeout) {
        begin(ManagerProtocol.GET).ensure(9).put((byte) (block ? 1 : 0)).putDouble(timeout);
        ByteBuffer reply = call();
        return (T) ManagerProtocol.decode(ManagerProtocol.rest(reply));
    }

    /** An item if one is there now, else {@link NoSuchElementException}. */
    public T getNowait() {
        return get(false, 0);
    }

    public int qsize() {
        return callInt(ManagerProtocol.SIZE);
    }

    public boolean empty() {
        return qsize() == 0;
    }
}
