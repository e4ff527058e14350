package org.mpdemo.multiprocessing.errors;

/**
 * Carries the stack trace of an exception raised in another process; attached as the cause of the exception the
 * parent re-raises, as CPython attaches {@code multiprocessing.pool.RemoteTraceback}.
 */
public final class RemoteTraceback extends Exception {
    private static final long serialVersionUID = 1L;

    public RemoteTraceback(String formattedTrace) {
        super("\n\"\"\"\n" + formattedTrace + "\"\"\"", null, false, false);
    }
}
