package org.mpdemo.classroom;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.mpdemo.demos.TraceLog;

/**
 * Runs {@code mpdemo run ID} in a JVM of its own, as a user would, and keeps what it did: exit status, both
 * output streams and the trace. A run in its own JVM starts from a clean slate (start method, trace file), so
 * any number of runs can follow one another or go side by side.
 */
public final class DemoProcess {
    /** Generous: a demo at a small time scale ends in seconds; this only stops a hang. */
    public static final long TIMEOUT_SECONDS = 90;

    private DemoProcess() {
    }

    /**
     * Lets the runtime call native code without a warning: from Java 22 on, a JVM that loads a native library
     * (the runtime's JNA) says so on standard error unless this is given — a line in every demo's output. Java 17
     * accepts it too.
     */
    static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";

    /**
     * The command that runs the CLI's main class with this JVM's own {@code java} and class path; the child JVMs
     * the runtime starts from it get {@link #NATIVE_ACCESS} too (the runtime's {@code mpdemo.child.jvmArgs}).
     */
    public static List<String> cli(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(NATIVE_ACCESS);
        String childArgs = System.getProperty("mpdemo.child.jvmArgs", "");
        if (!childArgs.contains(NATIVE_ACCESS)) childArgs = (childArgs + " " + NATIVE_ACCESS).strip();
        command.add("-Dmpdemo.child.jvmArgs=" + childArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("org.mpdemo.cli.Mpdemo");
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Runs {@code mpdemo run ID --time-scale F --seed 1 --trace TEMP} with {@code options} added ({@code --time-scale}
     * or {@code --seed} among them replace the defaults); the trace file is read and deleted.
     *
     * @throws Hang if the run did not end within {@link #TIMEOUT_SECONDS} (it is killed)
     */
    public static Observation run(String id, double timeScale, String... options) {
        return run(id, timeScale, TIMEOUT_SECONDS, options);
    }

    /** A run that did not end in time, and was killed. */
    public static final class Hang extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        Hang(String message) {
            super(message);
        }
    }

    /** As {@link #run(String, double, String...)}, killed after {@code timeoutSeconds}. */
    public static Observation run(String id, double timeScale, long timeoutSeconds, String... options) {
        List<String> args = new ArrayList<>();
        List<String> given = List.of(options);
        // picocli takes an option once: a default the caller overrides is left out
        if (!given.contains("--time-scale")) args.addAll(List.of("--time-scale", Double.toString(timeScale)));
        if (!given.contains("--seed")) args.addAll(List.of("--seed", "1"));
        args.addAll(given);
        return runWith(id, args, timeoutSeconds);
    }

    /**
     * Runs {@code mpdemo run ID} with exactly {@code options} and a temporary trace file, killed after
     * {@code timeoutSeconds}; the trace is read and deleted.
     */
    public static Observation runWith(String id, List<String> options, long timeoutSeconds) {
        Path trace = null;
        Process process = null;
        try {
            trace = ScratchFiles.file("trace", ".jsonl");
            List<String> args = new ArrayList<>(List.of("run", id));
            args.addAll(options);
            args.addAll(List.of("--trace", trace.toString()));
            long start = System.nanoTime();
            // its standard input stays open until it ends: a pipe that tells it this program is gone (ParentWatch)
            process = ScratchFiles.startWriter(ParentWatch.watched(new ProcessBuilder(cli(args.toArray(String[]::new)))));
            CompletableFuture<String> out = read(process.getInputStream());
            CompletableFuture<String> err = read(process.getErrorStream());
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new Hang(id + " did not finish within " + timeoutSeconds + " s (killed)");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Observation(id, process.exitValue(), out.get(10, TimeUnit.SECONDS),
                    err.get(10, TimeUnit.SECONDS), TraceLog.read(trace), seconds);
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + id + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + id, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read the output of " + id, e);
        } finally {
            if (process != null) closeQuietly(process);
            if (trace != null) ScratchFiles.delete(trace);
        }
    }

    /** Closes the child's standard input, its parent pipe (see {@link ParentWatch}), once it has ended. */
    static void closeQuietly(Process child) {
        try {
            child.getOutputStream().close();
        } catch (IOException e) {
            // it has ended
        }
    }

    private static CompletableFuture<String> read(InputStream stream) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                text.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.complete("<unreadable: " + e + ">");
            }
        }, "demo-output-reader");
        reader.setDaemon(true);
        reader.start();
        return text;
    }
}
