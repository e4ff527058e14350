package org.mpdemo.multiprocessing.internal.server;

import static org.mpdemo.multiprocessing.internal.server.Referents.TRACING;

import org.mpdemo.multiprocessing.trace.Trace;
import org.mpdemo.multiprocessing.trace.TraceEvent;

/**
 * Behind a {@code SemaphoreProxy} (Semaphore, BoundedSemaphore) and a Lock's {@code LockProxy}: a counter up to
 * {@code max}, which any thread may release — a Lock is a semaphore of one.
 */
final class SemaphoreReferent implements Acquirer {
    private final String name;
    private final String kind;
    private final int max;
    private final String tooMany;
    private int value;

    SemaphoreReferent(String name, String kind, int value, int max, String tooMany) {
        this.name = name;
        this.kind = kind;
        this.value = value;
        this.max = max;
        this.tooMany = tooMany;
    }

    @Override
    public boolean acquire(boolean block, double timeout) {
        long nanos = Referents.nanos(block, timeout);
        synchronized (this) {
            if (value == 0) {
                if (nanos == 0) return false;
                long deadline = System.nanoTime() + nanos;
                while (value == 0) {
                    if (nanos < 0) {
                        Referents.waitUninterruptibly(this, 0);
                    } else {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) return false;
                        Referents.waitUninterruptibly(this, left);
                    }
                }
            }
            value--;
        }
        if (TRACING) Trace.event(TraceEvent.ACQUIRE, "obj", name, "kind", kind);
        return true;
    }

    @Override
    public synchronized void release() {
        if (value >= max) throw new IllegalStateException(tooMany);
        if (TRACING) Trace.event(TraceEvent.RELEASE, "obj", name, "kind", kind);
        value++;
        notify();
    }

    synchronized int value() {
        return value;
    }
}
