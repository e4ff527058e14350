package org.mpdemo.multiprocessing.errors;

/**
 * A timed wait on a result ran out, as CPython's {@code multiprocessing.TimeoutError} (which is not the built-in
 * {@code TimeoutError}). Unchecked, so that {@code get(timeout, unit)} reads like Python's {@code get(timeout)}.
 */
public class TimeoutError extends ProcessError {
    private static final long serialVersionUID = 1L;

    public TimeoutError() {
        super("");
    }
}
