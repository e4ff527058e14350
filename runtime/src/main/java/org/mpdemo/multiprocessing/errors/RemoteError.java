package org.mpdemo.multiprocessing.errors;

/**
 * An exception from another process that cannot be rebuilt here (its class or state does not deserialize);
 * keeps the original type name and message.
 */
public class RemoteError extends ProcessError {
    private static final long serialVersionUID = 1L;
    private final String remoteType;

    public RemoteError(String remoteType, String message) {
        super(remoteType + (message == null ? "" : ": " + message));
        this.remoteType = remoteType;
    }

    /** The fully qualified class name of the exception raised in the other process. */
    public String remoteType() {
        return remoteType;
    }
}
