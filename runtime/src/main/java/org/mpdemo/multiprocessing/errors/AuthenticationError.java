package org.mpdemo.multiprocessing.errors;

/**
 * A connection to a manager failed its challenge–response authentication (CPython's
 * {@code multiprocessing.AuthenticationError}): one side does not hold the other's authkey.
 *
 * <p>Raised on the client; the manager drops that connection and goes on serving everyone else.
 */
public class AuthenticationError extends ProcessError {
    private static final long serialVersionUID = 1L;

    public AuthenticationError(String message) {
        super(message);
    }
}
