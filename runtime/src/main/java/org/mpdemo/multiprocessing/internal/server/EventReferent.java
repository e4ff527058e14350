package org.mpdemo.multiprocessing.internal.server;

/** Behind an {@code EventProxy}: threading.Event. */
final class EventReferent {
    private boolean set;

    synchronized void set() {
        set = true;
        notifyAll();
    }

    synchronized void clear() {
        set = false;
    }

    synchronized boolean isSet() {
        return set;
    }

    synchronized boolean await(double timeout) {
        long deadline = System.nanoTime() + (long) (timeout * 1e9);
        while (!set) {
            if (timeout < 0) {
                Referents.waitUninterruptibly(this, 0);
            } else {
                long left = deadline - System.nanoTime();
                if (left <= 0) break;
                Referents.waitUninterruptibly(this, left);
            }
        }
        return set;
    }
}
