package org.mpdemo.multiprocessing.internal.server;

import static org.mpdemo.multiprocessing.internal.server.Referents.TRACING;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.mpdemo.multiprocessing.errors.ProcessError;
import org.mpdemo.multiprocessing.trace.Trace;
import org.mpdemo.multiprocessing.trace.TraceEvent;

/** Behind an RLock's {@code LockProxy}: owned by the server thread of one client connection, re-entrant. */
final class RLockReferent implements Acquirer {
    final String name;
    final ReentrantLock lock = new ReentrantLock();

    RLockReferent(String name) {
        this.name = name;
    }

    @Override
    public boolean acquire(boolean block, double timeout) {
        boolean first = !lock.isHeldByCurrentThread();
        boolean acquired;
        long nanos = Referents.nanos(block, timeout);
        if (nanos == 0) {
            acquired = lock.tryLock();
        } else if (nanos < 0) {
            lock.lock();
            acquired = true;
        } else {
            try {
                acquired = lock.tryLock(nanos, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                throw new ProcessError("interrupted");
            }
        }
        if (TRACING && acquired && first) Trace.event(TraceEvent.ACQUIRE, "obj", name, "kind", "RLock");
        return acquired;
    }

    @Override
    public void release() {
        if (!lock.isHeldByCurrentThread()) throw new IllegalStateException("cannot release un-acquired lock");
        if (TRACING && lock.getHoldCount() == 1) Trace.event(TraceEvent.RELEASE, "obj", name, "kind", "RLock");
        lock.unlock();
    }
}
