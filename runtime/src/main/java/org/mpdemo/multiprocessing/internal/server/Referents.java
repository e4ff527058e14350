package org.mpdemo.multiprocessing.internal.server;

import org.mpdemo.multiprocessing.trace.Trace;

/**
 * What the referents (the objects a manager holds for its clients, CPython's referents) share. Each referent is
 * used by the server threads that serve its clients' connections. Errors carry the messages of CPython's
 * {@code threading} and {@code queue} objects as the runtime's exception types ({@code RuntimeError} is
 * {@link IllegalStateException}, {@code ValueError} {@link IllegalArgumentException}).
 *
 * <p>Lock-like referents write the runtime's trace events as {@code SemLock} does: {@code acquire} after acquiring
 * and {@code release} before releasing, with a stable {@code obj} name and the {@code kind}, so that a sweep over
 * the trace counts holders exactly.
 */
final class Referents {
    /**
     * Whether this process traces, decided as {@link Trace#file()} does but without initializing {@link Trace}
     * (whose pid lookup starts ProcessHandle's thread pool): a manager that does not trace starts faster, and
     * its hot path skips building the events' arguments.
     */
    static final boolean TRACING = tracing();

    private Referents() {
    }

    private static boolean tracing() {
        String file = System.getProperty("mpdemo.trace");
        if (file == null || file.isEmpty()) file = System.getenv("MPDEMO_TRACE");
        return file != null && !file.isEmpty();
    }

    /** A call's wait in nanoseconds: 0 not to block, negative to block without a timeout. */
    static long nanos(boolean block, double timeout) {
        return !block ? 0 : timeout < 0 ? -1 : (long) (timeout * 1e9);
    }

    static void waitUninterruptibly(Object monitor, long nanos) {
        try {
            if (nanos <= 0) monitor.wait();
            else monitor.wait(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static UnsupportedOperationException unsupported(String type, byte method) {
        return new UnsupportedOperationException("'" + type + "' does not support method " + method);
    }

    /** A Python index into a sequence of {@code size}: negative counts from the end. */
    static int index(Object i, int size, String what) {
        int n = (Integer) i;
        if (n < 0) n += size;
        if (n < 0 || n >= size) throw new IndexOutOfBoundsException(what + " index out of range");
        return n;
    }
}
