package org.mpdemo.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A test's program in a JVM of its own, on this class path: what it printed and how it ended. */
public record JavaProgram(String out, String err, int status) {

    /** Runs {@code main} with the JVM {@code flags}; fails if it has not ended within 60 s. */
    public static JavaProgram run(Class<?> main, String... flags) throws Exception {
        return run(List.of(), main, flags);
    }

    /** The same, the java command coming after {@code before} (such as {@code unshare -m sh -c ...}). */
    public static JavaProgram run(List<String> before, Class<?> main, String... flags) throws Exception {
        List<String> command = new ArrayList<>(before);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(flags));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        java.lang.Process program = new ProcessBuilder(command).start();
        try {
            program.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(program.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(program.getErrorStream()));
            assertTrue(program.waitFor(60, TimeUnit.SECONDS), main.getSimpleName() + " hung");
            return new JavaProgram(out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS), program.exitValue());
        } finally {
            program.descendants().forEach(ProcessHandle::destroyForcibly);
            program.destroyForcibly();
        }
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
