package org.mpdemo.multiprocessing.internal.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mpdemo.multiprocessing.Process;
import org.mpdemo.multiprocessing.ProcessExit;
import org.mpdemo.multiprocessing.shared.Array;
import org.mpdemo.multiprocessing.shared.Lock;
import org.mpdemo.multiprocessing.shared.Value;

/**
 * Shared memory leaves nothing behind in {@code /dev/shm}: not while running (segments are unlinked at creation),
 * not after a normal exit, an exception, or {@code kill -9} of a parent JVM — whose child must then be gone too.
 */
@Timeout(60)
class ShmLifetimeTest {
    static final Path SHM = Path.of("/dev/shm");

    /** Our segment files in /dev/shm (or tmpdir) made by any of the given pids. */
    static List<String> segmentsOf(long... pids) throws IOException {
        Path dir = Files.isDirectory(SHM) ? SHM : Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> {
                        for (long pid : pids) if (name.startsWith("mpdemo-" + pid + "-")) return true;
                        return false;
                    })
                    .collect(Collectors.toList());
        }
    }

    static List<String> allSegments() throws IOException {
        Path dir = Files.isDirectory(SHM) ? SHM : Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("mpdemo-"))
                    .collect(Collectors.toList());
        }
    }

    @Test
    void segmentsHaveNoNameEvenWhileInUse() throws IOException {
        Lock lock = new Lock();
        Value value = new Value('i', 1);
        Array big = new Array('q', 200_000); // a segment of its own
        assertTrue(lock.acquire(false));
        assertEquals(1, value.getInt());
        assertEquals(200_000, big.length());
        assertTrue(SharedMemory.attachedCount() >= 2);
        assertEquals(List.of(), segmentsOf(ProcessHandle.current().pid()));
        lock.release();
    }

    static java.lang.Process startMain(String mode) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), ShmLifetimeMain.class.getName(), mode);
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        return builder.start();
    }

    /** Reads the main's "child <pid> ..." line. */
    static long childPid(BufferedReader out) throws IOException {
        String line = out.readLine();
        assertNotNull(line, "the main printed nothing");
        assertTrue(line.startsWith("child ") && line.contains(" value 1 "), line);
        return Long.parseLong(line.split(" ")[1]);
    }

    @Test
    void nothingLeftAfterNormalExitOrException() throws Exception {
        List<String> before = allSegments();
        for (String mode : List.of("normal", "throw")) {
            java.lang.Process main = startMain(mode);
            BufferedReader out = new BufferedReader(new InputStreamReader(main.getInputStream(), StandardCharsets.UTF_8));
            long child = childPid(out);
            assertEquals(List.of(), segmentsOf(main.pid(), child), "while running");
            assertTrue(main.waitFor(30, TimeUnit.SECONDS));
            assertEquals(mode.equals("normal") ? 0 : 1, main.exitValue(), mode);
            assertEquals(List.of(), segmentsOf(main.pid(), child), "after " + mode);
        }
        List<String> after = allSegments();
        after.removeAll(before);
        assertEquals(List.of(), after);
    }

    @Test
    void nothingLeftAfterKillMinus9OfTheParent() throws Exception {
        List<String> before = allSegments();
        java.lang.Process main = startMain("hang");
        BufferedReader out = new BufferedReader(new InputStreamReader(main.getInputStream(), StandardCharsets.UTF_8));
        long child = childPid(out);
        Optional<ProcessHandle> childHandle = ProcessHandle.of(child);
        assertTrue(childHandle.isPresent() && childHandle.get().isAlive(), "the child blocks on the parent's lock");
        assertEquals(List.of(), segmentsOf(main.pid(), child), "while running");

        main.destroyForcibly(); // SIGKILL
        assertTrue(main.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, main.exitValue());
        // the child notices its parent's end of the pipe closing and stops: within 2 s
        assertTrue(ProcessExit.await(child, 2000), "child " + child + " outlived its killed parent by 2 s");
        assertFalse(SharedMemory.isAlive(child));
        assertEquals(List.of(), segmentsOf(main.pid(), child), "after kill -9");
        List<String> after = allSegments();
        after.removeAll(before);
        assertEquals(List.of(), after);
    }
}
