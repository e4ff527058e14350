package org.mpdemo.multiprocessing.internal.wire;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.mpdemo.multiprocessing.errors.RemoteError;
import org.mpdemo.multiprocessing.errors.RemoteTraceback;
import org.mpdemo.multiprocessing.internal.reduction.Reduction;

/**
 * An exception on its way from a child to the parent: the exception itself when it serializes, and always its
 * type, message and formatted stack trace, so that the parent can re-raise it with CPython's
 * {@code RemoteTraceback} attached — or a {@link RemoteError} when the original cannot be rebuilt.
 */
public final class Failure {
    private Failure() {
    }

    public static byte[] encode(Throwable error, String where) {
        byte[] serialized;
        try {
            serialized = Reduction.serialize(error);
        } catch (RuntimeException notSerializable) {
            serialized = new byte[0];
        }
        String trace = "Traceback from " + where + ":\n" + stackTrace(error);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeString(out, error.getClass().getName());
            writeString(out, error.getMessage() == null ? "" : error.getMessage());
            out.writeBoolean(error.getMessage() != null);
            writeString(out, trace);
            out.writeInt(serialized.length);
            out.write(serialized);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter text = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }

    public static Throwable decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            String type = readString(in);
            String message = readString(in);
            if (!in.readBoolean()) message = null;
            String trace = readString(in);
            int n = in.readInt();
            Throwable error = null;
            if (n > 0) {
                try {
                    error = (Throwable) Reduction.deserialize(in.readNBytes(n));
                } catch (RuntimeException e) {
                    error = null;
                }
            }
            if (error == null) error = new RemoteError(type, message);
            else if (message != null && !message.equals(error.getMessage())) error = withMessage(error, message);
            RemoteTraceback remote = new RemoteTraceback(trace);
            try {
                if (error.getCause() == null) error.initCause(remote);
                else error.addSuppressed(remote);
            } catch (IllegalStateException causeAlreadySet) {
                error.addSuppressed(remote);
            }
            return error;
        } catch (IOException e) {
            return new RemoteError("unknown", "undecodable failure from a child process");
        }
    }

    /**
     * Some messages are computed lazily and do not survive serialization — a helpful NullPointerException's
     * ({@code Cannot invoke … because "X.lock" is null}) among them. Rebuild the exception with the message the
     * worker saw, when its class has a message constructor.
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

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) throw new IOException("corrupt string");
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }
}
