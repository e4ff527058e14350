package org.mpdemo.multiprocessing.trace;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.mpdemo.multiprocessing.shared.Value;

/**
 * The event trace: when {@code -Dmpdemo.trace=FILE} or {@code MPDEMO_TRACE=FILE} is set, every process of the
 * program appends one JSON object per line to FILE.
 *
 * <p>Each event is written with a single {@code write} on a file opened with {@code O_APPEND}, so lines from
 * different processes never interleave. {@code t} is {@link System#nanoTime()}, which on Linux reads the same
 * monotonic clock in every process, so events from different processes can be ordered by it.
 */
public final class Trace {
    private static final Object LOCK = new Object();
    private static volatile boolean resolved;
    private static volatile boolean inherited;
    private static OutputStream out;
    /** Set at the first event that could not be written (guarded by LOCK for the message). */
    private static volatile boolean lost;

    private Trace() {
    }

    /** The trace file, or {@code null} when tracing is off. */
    public static String file() {
        String file = System.getProperty("mpdemo.trace");
        if (file == null || file.isEmpty()) file = System.getenv("MPDEMO_TRACE");
        return file == null || file.isEmpty() ? null : file;
    }

    /** Whether an event could not be written: the trace file misses some (said once on standard error). */
    public static boolean lost() {
        return lost;
    }

    /** Whether events are being recorded. */
    public static boolean enabled() {
        if (!resolved) resolve();
        return out != null;
    }

    /**
     * Called first thing in a child: its trace file is its program's, which made it, so the child only appends.
     * A child that opens it only after the program ended and deleted it (a temporary trace) must not make it again.
     */
    public static void inheritFromParent() {
        inherited = true;
    }

    private static void resolve() {
        synchronized (LOCK) {
            if (resolved) return;
            String file = file();
            if (file != null) {
                try {
                    out = inherited
                            ? Files.newOutputStream(Path.of(file), StandardOpenOption.APPEND)
                            : Files.newOutputStream(Path.of(file), StandardOpenOption.CREATE,
                                    StandardOpenOption.APPEND);
                } catch (NoSuchFileException e) {
                    if (!inherited) System.err.println("mpdemo: cannot open trace file " + file + ": its folder does not exist");
                } catch (IOException | RuntimeException e) {
                    System.err.println("mpdemo: cannot open trace file " + file + ": " + e.getMessage());
                }
            }
            resolved = true;
        }
    }

    /**
     * Whether reads and writes of shared {@link Value}s are recorded too ({@code value-get}/{@code value-set}):
     * only on request ({@code -Dmpdemo.traceValues=true}), since a race demo makes tens of thousands of them.
     */
    public static boolean values() {
        return enabled() && Boolean.getBoolean("mpdemo.traceValues");
    }

    /** This process's id, asked for only when tracing: a first {@code ProcessHandle} costs a child's start-up. */
    private static final class Pid {
        static final long VALUE = ProcessHandle.current().pid();
    }

    /**
     * Records one event. {@code fields} alternate name and value; values are numbers, booleans or strings.
     */
    public static void event(TraceEvent event, Object... fields) {
        if (!enabled()) return;
        StringBuilder line = new StringBuilder(96);
        line.append("{\"t\": ").append(System.nanoTime())
                .append(", \"pid\": ").append(Pid.VALUE)
                .append(", \"event\": ");
        quote(line, event.wireName());
        for (int i = 0; i + 1 < fields.length; i += 2) {
            line.append(", ");
            quote(line, String.valueOf(fields[i]));
            line.append(": ");
            Object value = fields[i + 1];
            if (value instanceof Number || value instanceof Boolean) {
                line.append(value);
            } else {
                quote(line, String.valueOf(value));
            }
        }
        line.append("}\n");
        byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
        synchronized (LOCK) {
            try {
                out.write(bytes);
            } catch (IOException e) {
                // A trace must never break the program it observes, but its loss is said, once: by the program
                // whose trace it is (its children write to the same file, and fail alike)
                if (!lost && !inherited) {
                    System.err.println("mpdemo: cannot write the trace to " + file() + ": " + e.getMessage()
                            + "; the trace is incomplete");
                    System.err.flush();
                }
                lost = true;
            }
        }
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }
}
