package org.mpdemo.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A demo JVM that a command started (as verify and {@code run --runs} start them) does not outlive the command,
 * whether the command gets SIGTERM or SIGKILL: within 2 s nothing of the demo runs, its workers included.
 */
@Timeout(120)
class ParentWatchTest {

    /** A command of the kit in miniature: runs a demo that would take minutes, through DemoProcess. */
    public static final class Command {
        public static void main(String[] args) {
            DemoProcess.runWith("lock-manager-fix", List.of("--time-scale", "100"), 600);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "KILL"})
    void aDemoEndsWithTheCommandThatStartedIt(String signal) throws Exception {
        Process command = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Command.class.getName())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            // the demo is up once its manager and pool workers are: the demo JVM has children of its own
            List<ProcessHandle> demo = awaitDemo(command);
            new ProcessBuilder("kill", "-" + signal, Long.toString(command.pid())).start().waitFor();
            assertTrue(command.waitFor(30, TimeUnit.SECONDS), "the command did not end on SIG" + signal);
            long ended = System.nanoTime();
            for (ProcessHandle p : demo) {
                while (ScratchFiles.running(p.pid())) {
                    assertTrue(System.nanoTime() - ended < TimeUnit.SECONDS.toNanos(2),
                            "process " + p.pid() + " of the demo outlived the command by 2 s (SIG" + signal + ")");
                    LockSupport.parkNanos(10_000_000); // a polling interval: nothing tells us of a non-child's end
                }
            }
            if (signal.equals("TERM")) {
                // the command's hook deleted its trace; after a KILL the next command's sweep does
                assertEquals(List.of(), scratchOf(command.pid()));
            } else {
                ScratchFiles.sweep(Path.of(System.getProperty("java.io.tmpdir")));
                assertEquals(List.of(), scratchOf(command.pid()));
            }
        } finally {
            command.descendants().forEach(ProcessHandle::destroyForcibly);
            command.destroyForcibly();
        }
    }

    /** The command's descendants once the demo JVM has started children (polled: they announce nothing). */
    static List<ProcessHandle> awaitDemo(Process command) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            List<ProcessHandle> all = command.descendants().toList();
            if (all.size() >= 3) return new ArrayList<>(all); // the demo JVM, its manager, a pool worker
            assertTrue(System.nanoTime() < deadline, "the demo did not start: " + all);
            LockSupport.parkNanos(10_000_000);
        }
    }

    static List<String> scratchOf(long pid) throws IOException {
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith(ScratchFiles.PREFIX + pid + "-")).toList();
        }
    }
}
