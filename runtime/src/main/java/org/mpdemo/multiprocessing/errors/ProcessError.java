package org.mpdemo.multiprocessing.errors;

/** Base of the runtime's own errors, as CPython's {@code multiprocessing.ProcessError}. */
public class ProcessError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProcessError(String message) {
        super(message);
    }

    public ProcessError(String message, Throwable cause) {
        super(message, cause);
    }
}
