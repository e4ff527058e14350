package org.mpdemo.multiprocessing.internal.wire;

import java.io.IOException;
import org.mpdemo.multiprocessing.errors.RemoteError;
import org.mpdemo.multiprocessing.errors.RemoteTraceback;
import org.mpdemo.multiprocessing.internal.reduction.ByteReader;
import org.mpdemo.multiprocessing.internal.reduction.ByteWriter;
import org.mpdemo.multiprocessing.internal.reduction.Reduction;

/**
 * An exception on its way to another process — from a pool's worker to its parent, from a manager to its client:
 * the exception itself when it serializes, and always its type and message, so that the receiver can re-raise it,
 * or a {@link RemoteError} when the original cannot be rebuilt there.
 *
 * <p>A worker's failure also carries its formatted stack trace, which the parent attaches as CPython's
 * {@code RemoteTraceback}; a manager's carries none, since its client re-raises the error with its own stack, as
 * CPython's proxies do.
 *
 * <p>The envelope: {@code string type, string message, boolean hasMessage, string trace, block serialized}.
 */
public final class Failure {
    private Failure() {
    }

    /** {@code where}: the process it comes from, for the traceback's heading; {@code null} for no traceback. */
    public static byte[] encode(Throwable error, String where) {
        byte[] serialized;
        try {
            serialized = Reduction.serialize(error);
        } catch (RuntimeException notSerializable) {
            serialized = new byte[0];
        }
        String message = error.getMessage();
        String trace = where == null ? "" : "Traceback from " + where + ":\n" + stackTrace(error);
        return new ByteWriter(64 + trace.length() + serialized.length)
                .writeString(error.getClass().getName())
                .writeString(message == null ? "" : message)
                .writeBoolean(message != null)
                .writeString(trace)
                .writeBlock(serialized)
                .toByteArray();
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter text = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }

    /** The exception {@link #encode} was given, or a {@link RemoteError}; with its traceback, if it has one. */
    public static Throwable decode(byte[] data) {
        try {
            ByteReader in = new ByteReader(data);
            String type = in.readString();
            String message = in.readString();
            if (!in.readBoolean()) message = null;
            String trace = in.readString();
            byte[] serialized = in.readBlock();
            Throwable error = null;
            if (serialized.length > 0) {
                try {
                    error = (Throwable) Reduction.deserialize(serialized);
                } catch (RuntimeException e) {
                    error = null;
                }
            }
            if (error == null) error = new RemoteError(type, message);
            else if (message != null && !message.equals(error.getMessage())) error = withMessage(error, message);
            if (!trace.isEmpty()) attach(error, new RemoteTraceback(trace));
            return error;
        } catch (IOException e) {
            return new RemoteError("unknown", "undecodable failure from a child process");
        }
    }

    private static void attach(Throwable error, RemoteTraceback remote) {
        try {
            if (error.getCause() == null) error.initCause(remote);
            else error.addSuppressed(remote);
        } catch (IllegalStateException causeAlreadySet) {
            error.addSuppressed(remote);
        }
    }

    /**
     * Some messages are computed lazily and do not survive serialization — a helpful NullPointerException's
     * ({@code Cannot invoke … because "X.lock" is null}) among them. Rebuild the exception with the message the
     * sender saw, when its class has a message constructor.
     */
    private static Throwable withMessage(Throwable error, String message) {
        try {
            Throwable copy = error.getClass().getConstructor(String.class).newInstance(message);
            copy.setStackTrace(error.getStackTrace());
            if (error.getCause() != null) copy.initCause(error.getCause());
            for (Throwable s : error.getSuppressed()) copy.addSuppressed(s);
            return copy;
        } catch (ReflectiveOperationException | RuntimeException noSuchConstructor) {
            return error;
        }
    }
}
