package org.mpdemo.multiprocessing.managers;

import org.mpdemo.multiprocessing.internal.wire.ManagerProtocol;
import org.mpdemo.multiprocessing.shared.Held;
import org.mpdemo.multiprocessing.shared.Lock;
import org.mpdemo.multiprocessing.shared.RLock;
import org.mpdemo.multiprocessing.trace.Trace;
import org.mpdemo.multiprocessing.trace.TraceEvent;

/**
 * A proxy for a manager's {@code Lock} or {@code RLock} (CPython's {@code AcquirerProxy}). Its methods mirror
 * {@link Lock}'s; the lock itself lives in the manager, so the proxy can be passed to pool tasks.
 *
 * <p>An RLock is owned by the thread that acquired it — in whatever process — and only that thread may release
 * it; a Lock may be released by anyone.
 */
public class LockProxy extends ManagerProxy {
    private static final long serialVersionUID = 1L;

    LockProxy(Ref ref) {
        super(ref);
    }

    /** Blocks until acquired; returns {@code true}. */
    public boolean acquire() {
        return acquire(true, -1);
    }

    /** With {@code block=false}, returns at once whether it was acquired. */
    public boolean acquire(boolean block) {
        return acquire(block, -1);
    }

    /** Waits at most {@code timeout} seconds (negative: no limit); returns whether it was acquired. */
    public boolean acquire(boolean block, double timeout) {
        // an acquire that can only end acquired: a timeline draws the time until then as waiting
        if (block && timeout < 0 && Trace.enabled()) {
            Trace.event(TraceEvent.PROXY_ACQUIRE_WAIT, "obj", name(), "kind", typeid());
        }
        begin(ManagerProtocol.ACQUIRE).ensure(9).put((byte) (block ? 1 : 0)).putDouble(timeout);
        boolean acquired = call().get() != 0;
        // The manager records the exact acquire and release; these say which process held it, for timelines.
        // Logged after the reply and before the release is sent, they sit inside the real holding interval.
        if (acquired && Trace.enabled()) Trace.event(TraceEvent.PROXY_ACQUIRE, "obj", name(), "kind", typeid());
        return acquired;
    }

    public void release() {
        if (Trace.enabled()) Trace.event(TraceEvent.PROXY_RELEASE, "obj", name(), "kind", typeid());
        callVoid(ManagerProtocol.RELEASE);
    }

    /** {@code try (var held = lock.hold()) { … }}: Python's {@code with lock:}. */
    public Held hold() {
        acquire();
        return this::release;
    }
}
