package org.mpdemo.multiprocessing.internal.wire;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.mpdemo.multiprocessing.internal.launch.Fork;
import org.mpdemo.multiprocessing.internal.reduction.Functions;
import org.mpdemo.multiprocessing.internal.reduction.Invoker;
import org.mpdemo.multiprocessing.internal.reduction.Reduction;

/**
 * What a child receives first: its role and name, the pool initializer or the process target with their
 * arguments, and — under the emulated {@code fork} start method — the static fields of the class that started it
 * ({@link Fork}).
 *
 * <p>Encoded field by field rather than as one serialized object: a fresh JVM spent tens of milliseconds
 * decoding a serialized record, more than the rest of a worker's start. Arguments and globals are encoded in
 * process-start context, so primitives among them may travel; they use Java serialization only when they are not
 * plain values.
 */
public final class Boot {
    public enum Role { POOL_WORKER, PROCESS }

    public final Role role;
    public final String name;
    /** The initializer (pool worker, may be null) or the target (process). */
    public final Invoker function;
    public final Object[] args;
    public final String mainClass;
    public final Map<String, Object> globals;

    public Boot(Role role, String name, Invoker function, Object[] args, String mainClass, Map<String, Object> globals) {
        this.role = role;
        this.name = name;
        this.function = function;
        this.args = args == null ? new Object[0] : args;
        this.mainClass = mainClass;
        this.globals = globals == null ? Map.of() : globals;
    }

    public byte[] serialize() {
        return Reduction.spawning(() -> {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeByte(role.ordinal());
                out.writeUTF(name);
                writeBlock(out, function == null ? new byte[0] : Functions.encode(function));
                writeBlock(out, args.length == 0 ? new byte[0] : Reduction.encodeList(Arrays.asList(args)));
                out.writeUTF(mainClass == null ? "" : mainClass);
                writeBlock(out, globals.isEmpty() ? new byte[0] : Reduction.serialize(new java.util.LinkedHashMap<>(globals)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        });
    }

    @SuppressWarnings("unchecked")
    public static Boot decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            Role role = Role.values()[in.readByte()];
            String name = in.readUTF();
            byte[] function = readBlock(in);
            byte[] args = readBlock(in);
            String mainClass = in.readUTF();
            byte[] globals = readBlock(in);
            List<Object> arguments = args.length == 0 ? List.of() : Reduction.decodeList(args);
            return new Boot(role, name, function.length == 0 ? null : Functions.decode(function),
                    arguments.toArray(), mainClass.isEmpty() ? null : mainClass,
                    globals.length == 0 ? null : (Map<String, Object>) Reduction.deserialize(globals));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeBlock(DataOutputStream out, byte[] block) throws IOException {
        out.writeInt(block.length);
        out.write(block);
    }

    private static byte[] readBlock(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) throw new IOException("corrupt boot block of " + n + " bytes");
        return in.readNBytes(n);
    }
}
