package org.mpdemo.multiprocessing.managers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mpdemo.multiprocessing.Process;
import org.mpdemo.multiprocessing.ProcessExit;
import org.mpdemo.multiprocessing.errors.ProcessError;
import org.mpdemo.multiprocessing.internal.reduction.Reduction;
import org.mpdemo.multiprocessing.internal.server.Listener;
import org.mpdemo.multiprocessing.internal.wire.ManagerChannel;

/** A manager's end — shut down, killed, or orphaned — is seen at once, once, and leaves nothing behind. */
@Timeout(60)
class ManagerLifetimeTest {

    private static Path directory(Manager m) {
        return ((UnixDomainSocketAddress) m.address()).getPath().getParent();
    }

    /** Waits at most {@code millis} for {@code condition}, checking every millisecond; returns it. */
    private static boolean within(long millis, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) return false;
            LockSupport.parkNanos(1_000_000);
        }
        return true;
    }

    /** True once {@code thread} has sent a request and is blocked reading the manager's reply. */
    private static boolean awaitingReply(Thread thread) {
        StackTraceElement[] stack = thread.getStackTrace();
        for (int i = 0; i + 1 < stack.length; i++) {
            if (stack[i].getClassName().equals(ManagerChannel.class.getName())
                    && stack[i].getMethodName().equals("receive")
                    && stack[i + 1].getClassName().equals(ManagerClient.Endpoint.class.getName())
                    && stack[i + 1].getMethodName().equals("call")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aKilledManagerFailsABlockedAcquireWithinTwoSecondsWithOneClearError() throws Exception {
        Manager manager = new Manager();
        try {
            LockProxy lock = manager.lock();
            lock.acquire();
            Thread[] caller = new Thread[1];
            CompletableFuture<Throwable> blocked = new CompletableFuture<>();
            caller[0] = new Thread(() -> {
                try {
                    lock.acquire();
                    blocked.complete(null);
                } catch (Throwable e) {
                    blocked.complete(e);
                }
            }, "blocked-caller");
            caller[0].start();
            assertTrue(within(10_000, () -> awaitingReply(caller[0])), "the second acquire is waiting in the manager");

            long killed = System.nanoTime();
            assertTrue(ProcessHandle.of(manager.pid()).orElseThrow().destroyForcibly(), "kill -9 the manager");
            Throwable error = blocked.get(2, TimeUnit.SECONDS);
            long elapsed = System.nanoTime() - killed;
            assertTrue(elapsed < 2_000_000_000L, "reported after " + elapsed / 1e6 + " ms");
            String expected = "the manager process (pid " + manager.pid() + ") is gone; proxy for Lock " + lock.name()
                    + " cannot be used";
            assertNotNull(error, "the blocked acquire returned");
            assertEquals(ProcessError.class, error.getClass());
            assertEquals(expected, error.getMessage());
            assertNull(error.getCause(), "one error, no connection noise");

            // every later call fails at once with the same words, without trying to connect
            long start = System.nanoTime();
            ProcessError again = assertThrows(ProcessError.class, lock::release);
            assertEquals(expected, again.getMessage());
            assertTrue(System.nanoTime() - start < 50_000_000L, "at once");
            assertThrows(ProcessError.class, manager::lock);

            // the parent noticed, and removed the directory the killed manager could not
            assertTrue(within(2_000, () -> !Files.exists(directory(manager))), "directory removed");
        } finally {
            manager.shutdown();
        }
    }

    @Test
    void afterShutdownEveryProxyFailsAtOnceAndShutdownIsIdempotent() throws Exception {
        Manager manager = new Manager();
        SemaphoreProxy semaphore = manager.semaphore(1);
        semaphore.acquire();
        Path dir = directory(manager);
        long pid = manager.pid();
        manager.shutdown();
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the manager process exited");
        assertFalse(Files.exists(dir), "its directory is gone");
        ProcessError e = assertThrows(ProcessError.class, semaphore::release);
        assertEquals("the manager process (pid " + pid + ") is gone; proxy for Semaphore " + semaphore.name()
                + " cannot be used", e.getMessage());
        // a copy that travelled elsewhere — here, a fresh deserialization — fails the same way
        SemaphoreProxy copy = (SemaphoreProxy) Reduction.deserialize(Reduction.serialize(semaphore));
        assertEquals(e.getMessage(), assertThrows(ProcessError.class, copy::getValue).getMessage());
        manager.shutdown();
        manager.close();
    }

    /** Runs in a JVM of its own: starts a manager, prints its pid and socket, then waits to be killed. */
    public static final class Parent {
        public static void main(String[] args) throws Exception {
            Manager manager = new Manager();
            manager.lock().acquire();
            System.out.println(manager.pid() + " " + ((UnixDomainSocketAddress) manager.address()).getPath());
            System.out.flush();
            System.in.read(); // until the test kills us
        }
    }

    @Test
    void aKilledParentLeavesNoManagerAliveAfterTwoSeconds() throws Exception {
        java.lang.Process parent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Parent.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String line = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertNotNull(line, "the parent printed its manager");
            String[] words = line.split(" ");
            ProcessHandle server = ProcessHandle.of(Long.parseLong(words[0])).orElseThrow();
            Path socket = Path.of(words[1]);
            assertTrue(Files.exists(socket));
            parent.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertTrue(parent.waitFor(10, TimeUnit.SECONDS));
            long killed = System.nanoTime();
            // pidfd-based: an orphan nobody reaps stays a zombie, which onExit() would wait on for ever
            long left = 2_000_000_000L - (System.nanoTime() - killed);
            assertTrue(ProcessExit.await(server.pid(), (int) Math.max(1, left / 1_000_000)),
                    "manager " + server.pid() + " still alive 2 s after its parent was killed");
            assertFalse(Files.exists(socket.getParent()), "the orphaned manager removed its directory");
        } finally {
            parent.descendants().forEach(ProcessHandle::destroyForcibly);
            parent.destroyForcibly();
        }
    }

    /**
     * A temporary folder whose path is too long for a Unix socket: the manager fails to start with one clear error
     * and leaves no directory behind (before, its parent killed it before its clean-up could run).
     */
    @Test
    void aManagerThatCannotBindLeavesNoDirectory(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path deep = Files.createDirectories(tmp.resolve("a-folder-name-long-enough-".repeat(5)));
        String before = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", deep.toString());
        try {
            ProcessError e = assertThrows(ProcessError.class, Manager::new);
            assertTrue(e.getMessage().startsWith("the manager process failed to start: "), e.getMessage());
        } finally {
            System.setProperty("java.io.tmpdir", before);
        }
        try (var left = Files.list(deep)) {
            assertEquals(java.util.List.of(), left.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void theNextManagerRemovesTheDirectoriesOfKilledOnes() throws Exception {
        java.lang.Process gone = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-version").redirectErrorStream(true).start();
        gone.getInputStream().readAllBytes();
        assertTrue(gone.waitFor(10, TimeUnit.SECONDS));
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path stale = Files.createDirectory(tmp.resolve(Listener.DIRECTORY_PREFIX + gone.pid() + "-test"));
        Files.createFile(stale.resolve(Listener.SOCKET_NAME));
        Path notOurs = Files.createDirectory(tmp.resolve(Listener.DIRECTORY_PREFIX + gone.pid() + "-other"));
        Files.createFile(notOurs.resolve("something-else"));
        try (Manager manager = new Manager()) {
            assertTrue(within(5_000, () -> !Files.exists(stale)), "stale directory removed");
            assertTrue(Files.exists(notOurs.resolve("something-else")), "a directory with other contents is kept");
            assertTrue(manager.lock().acquire(false));
        } finally {
            Files.deleteIfExists(notOurs.resolve("something-else"));
            Files.deleteIfExists(notOurs);
            Files.deleteIfExists(stale.resolve(Listener.SOCKET_NAME));
            Files.deleteIfExists(stale);
        }
    }
}
