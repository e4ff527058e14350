package org.mpdemo.multiprocessing.internal.server;

import java.util.NoSuchElementException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Behind a {@code QueueProxy}: queue.Queue of encoded items; the manager never decodes what passes through. */
final class QueueReferent {
    final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();

    byte[] get(boolean block, double timeout) {
        byte[] item;
        try {
            item = !block ? queue.poll() : timeout < 0 ? queue.take()
                    : queue.poll((long) (timeout * 1e9), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            item = null;
        }
        if (item == null) throw new NoSuchElementException("queue is empty");
        return item;
    }
}
