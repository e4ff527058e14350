package org.mpdemo.demos;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one demo as the user would — {@code mpdemo run ID}, in a JVM of its own — and keeps what it printed,
 * its exit status and its trace. Tests use a small time scale and a fixed seed unless they say otherwise.
 */
public record DemoRun(int exitCode, String stdout, String stderr, TraceLog trace) {

    /** Generous: a demo at a small time scale ends in about a second; this only stops a hang. */
    static final long TIMEOUT_SECONDS = 90;

    /** Runs {@code mpdemo run ID --trace FILE --time-scale 0.01 --seed 1 OPTIONS}; an option given replaces the default. */
    public static DemoRun of(String id, String... options) {
        DemoCatalog.find(id).orElseThrow(() -> new AssertionError("no demo " + id));
        String demo = id;
        try {
            Path trace = Files.createTempFile("mpdemo-trace", ".jsonl");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add("org.mpdemo.cli.Mpdemo");
            command.addAll(List.of("run", id, "--trace", trace.toString()));
            List<String> given = List.of(options);
            if (!given.contains("--time-scale")) command.addAll(List.of("--time-scale", "0.01"));
            if (!given.contains("--seed")) command.addAll(List.of("--seed", "1"));
            command.addAll(given);
            Process process = new ProcessBuilder(command).start();
            process.getOutputStream().close();
            CompletableFuture<String> out = read(process.getInputStream());
            CompletableFuture<String> err = read(process.getErrorStream());
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                fail(demo + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            DemoRun run = new DemoRun(process.exitValue(), out.get(10, TimeUnit.SECONDS),
                    err.get(10, TimeUnit.SECONDS), TraceLog.read(trace));
            Files.deleteIfExists(trace);
            return run;
        } catch (Exception e) {
            throw new AssertionError("could not run " + demo, e);
        }
    }

    private static CompletableFuture<String> read(java.io.InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "<unreadable: " + e + ">";
            }
        });
    }

    public List<String> lines() {
        return stdout.lines().toList();
    }

    public List<String> errorLines() {
        return stderr.lines().toList();
    }
}
