package org.mpdemo.multiprocessing.internal.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mpdemo.multiprocessing.internal.reduction.ByteReader;
import org.mpdemo.multiprocessing.internal.reduction.ByteWriter;
import org.mpdemo.multiprocessing.internal.reduction.Functions;
import org.mpdemo.multiprocessing.internal.reduction.Invoker;
import org.mpdemo.multiprocessing.internal.reduction.Reduction;

/**
 * What a child receives first: its name, the target it runs with its arguments, and — under the emulated
 * {@code fork} start method — the static fields of the class that started it (the launcher's {@code Fork}).
 * A child has no role beyond its target: a pool worker is a process whose target is the worker's loop.
 *
 * <p>Encoded field by field rather than as one serialized object: a fresh JVM takes long to decode a serialized
 * record, longer than the rest of a worker's start. Arguments and globals are encoded in process-start context,
 * so primitives among them may travel; they use Java serialization only when they are not plain values.
 */
public final class Boot {
    private static final byte[] NONE = new byte[0];

    public final String name;
    public final Invoker target;
    public final Object[] args;
    /** Under fork, the class whose static fields are {@link #globals}; else null. */
    public final String mainClass;
    public final Map<String, Object> globals;

    public Boot(String name, Invoker target, Object[] args, String mainClass, Map<String, Object> globals) {
        this.name = name;
        this.target = target;
        this.args = args == null ? new Object[0] : args;
        this.mainClass = mainClass;
        this.globals = globals == null ? Map.of() : globals;
    }

    public byte[] serialize() {
        return Reduction.spawning(() -> {
            ByteWriter out = new ByteWriter(256);
            out.writeString(name);
            out.writeBlock(Functions.encode(target));
            out.writeBlock(args.length == 0 ? NONE : Reduction.encodeList(Arrays.asList(args)));
            out.writeString(mainClass == null ? "" : mainClass);
            out.writeBlock(globals.isEmpty() ? NONE : Reduction.serialize(new LinkedHashMap<>(globals)));
            return out.toByteArray();
        });
    }

    @SuppressWarnings("unchecked")
    public static Boot decode(byte[] data) {
        try {
            ByteReader in = new ByteReader(data);
            String name = in.readString();
            byte[] target = in.readBlock();
            byte[] args = in.readBlock();
            String mainClass = in.readString();
            byte[] globals = in.readBlock();
            List<Object> arguments = args.length == 0 ? List.of() : Reduction.decodeList(args);
            return new Boot(name, Functions.decode(target), arguments.toArray(), mainClass.isEmpty() ? null : mainClass,
                    globals.length == 0 ? null : (Map<String, Object>) Reduction.deserialize(globals));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
