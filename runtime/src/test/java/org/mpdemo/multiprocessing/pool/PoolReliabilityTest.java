package org.mpdemo.multiprocessing.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mpdemo.multiprocessing.JavaProgram;
import org.mpdemo.multiprocessing.Process;
import org.mpdemo.multiprocessing.ProcessExit;
import org.mpdemo.multiprocessing.errors.ProcessError;
import org.mpdemo.multiprocessing.errors.WorkerDiedError;
import org.mpdemo.multiprocessing.shared.Event;

/** What CPython's pool gets wrong and this one must not: dead workers, dead parents, terminated pools. */
@Timeout(60)
class PoolReliabilityTest {

    /** Announces itself on standard output, then works for far longer than any test waits. */
    static int longTask(int x) throws InterruptedException {
        System.out.println("started " + ProcessHandle.current().pid());
        new java.util.concurrent.CountDownLatch(1).await(); // work that never ends: the test kills it
        return x;
    }

    static int square(int x) {
        return x * x;
    }

    /** Captures the lines the pool forwards from its workers, and tells when one starts with a prefix. */
    static final class Watch extends OutputStream {
        final CountDownLatch seen = new CountDownLatch(1);
        final AtomicLong pid = new AtomicLong();
        private final StringBuilder line = new StringBuilder();

        @Override
        public synchronized void write(int b) {
            if (b != '\n') {
                line.append((char) b);
                return;
            }
            if (line.toString().startsWith("started ")) {
                pid.set(Long.parseLong(line.substring("started ".length())));
                seen.countDown();
            }
            line.setLength(0);
        }
    }

    @Test
    void workerKilledMidTaskFailsItsResultWithinTwoSecondsAndThePoolServesOn() throws Exception {
        PrintStream original = System.out;
        Watch watch = new Watch();
        System.setOut(new PrintStream(watch, true, StandardCharsets.UTF_8));
        try (Pool pool = new Pool(2)) {
            AsyncResult<Integer> result = pool.applyAsync(PoolReliabilityTest::longTask, 7);
            assertTrue(watch.seen.await(30, TimeUnit.SECONDS), "the task started");
            long victim = watch.pid.get();
            long killedAt = System.nanoTime();
            assertTrue(ProcessHandle.of(victim).orElseThrow().destroyForcibly(), "kill -9 " + victim);

            WorkerDiedError error = assertThrows(WorkerDiedError.class, () -> result.get(2, TimeUnit.SECONDS));
            long elapsed = System.nanoTime() - killedAt;
            assertTrue(elapsed < 2_000_000_000L, "reported after " + elapsed / 1e6 + " ms");
            assertEquals(victim, error.pid());
            assertEquals(137, error.exitStatus());
            assertTrue(error.getMessage().startsWith("worker process " + victim + " (SpawnPoolWorker-"),
                    error.getMessage());
            assertTrue(error.getMessage().endsWith(
                    "died while running task 0 of apply: killed by signal 9 (SIGKILL), exit status 137"),
                    error.getMessage());

            // the pool replaced the worker and still serves, on two workers
            assertEquals(List.of(0, 1, 4, 9), pool.map(PoolReliabilityTest::square, List.of(0, 1, 2, 3)));
            assertFalse(pool.workerPids().contains(victim));
            assertEquals(2, pool.workerPids().size());
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void getOnATerminatedPoolsResultRaisesAtOnce() {
        Pool pool = new Pool(1);
        AsyncResult<Integer> result = pool.applyAsync(PoolReliabilityTest::longTask, 1);
        pool.terminate();
        long start = System.nanoTime();
        ProcessError error = assertThrows(ProcessError.class, result::get);
        assertTrue(System.nanoTime() - start < 100_000_000L, "raised at once");
        assertEquals("the pool was terminated before this result was ready", error.getMessage());
        assertTrue(result.ready());
        assertFalse(result.successful());
        assertThrows(IllegalStateException.class, () -> pool.applyAsync(PoolReliabilityTest::square, 2));
        pool.join();
        assertTrue(pool.workerPids().isEmpty());
    }

    @Test
    void shutdownLetsSubmittedWorkFinishThenJoinReturns() {
        Pool pool = new Pool(2);
        AsyncResult<List<Integer>> result = pool.mapAsync(PoolReliabilityTest::square, List.of(1, 2, 3));
        assertThrows(IllegalStateException.class, pool::join, "join before close is refused");
        pool.shutdown();
        pool.join();
        assertEquals(List.of(1, 4, 9), result.get());
        assertTrue(pool.workerPids().isEmpty());
    }

    @Test
    void maxtasksperchildReplacesWorkers() {
        try (Pool pool = Pool.builder().processes(1).maxtasksperchild(2).build()) {
            List<Long> pids = new ArrayList<>();
            for (int i = 0; i < 6; i++) pids.add(pool.apply(PoolReliabilityTest::pid));
            assertEquals(3, pids.stream().distinct().count(), "a new worker every two tasks: " + pids);
        }
    }

    static long pid() {
        return ProcessHandle.current().pid();
    }

    static void waitForGo(Event go) {
        go.await(60);
    }

    /**
     * A worker killed from outside while it starts is replaced, as one killed while serving is: five such kills in
     * a row do not break the pool (before, three did, and every later call hung).
     */
    @Test
    void workersKilledFromOutsideWhileStartingAreReplaced() throws Exception {
        Event go = new Event();
        try (Pool pool = Pool.builder().processes(1).initializer(PoolReliabilityTest::waitForGo, go).build()) {
            List<Long> killed = new ArrayList<>();
            for (int k = 0; k < 5; k++) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                long pid;
                while (true) { // the replacement of the last one killed: polled, it has no event to wait on
                    List<Long> pids = pool.workerPids();
                    if (!pids.isEmpty() && !killed.contains(pids.get(0))) {
                        pid = pids.get(0);
                        break;
                    }
                    assertTrue(System.nanoTime() < deadline, "no replacement after " + killed);
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                }
                ProcessHandle worker = ProcessHandle.of(pid).orElseThrow();
                worker.destroyForcibly();
                worker.onExit().get(30, TimeUnit.SECONDS);
                killed.add(pid);
            }
            go.set();
            assertEquals(List.of(1, 4, 9), pool.map(PoolReliabilityTest::square, List.of(1, 2, 3)));
        }
    }

    /** Runs in a JVM of its own whose children refuse to start: every call fails, the later ones at once. */
    public static final class BrokenPool {
        public static void main(String[] args) {
            Pool pool = new Pool(2);
            try {
                pool.map(PoolReliabilityTest::square, List.of(1, 2));
            } catch (ProcessError e) {
                System.out.println("map: " + e.getMessage());
            }
            try {
                pool.map(PoolReliabilityTest::square, List.of(3));
            } catch (ProcessError e) {
                System.out.println("again: " + e.getMessage());
            }
            try {
                pool.applyAsync(PoolReliabilityTest::square, 4).get(30, TimeUnit.SECONDS);
            } catch (ProcessError e) {
                System.out.println("apply: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            pool.terminate();
        }
    }

    @Test
    void aPoolWhoseWorkersCannotStartFailsEveryCallWithTheCause() throws Exception {
        JavaProgram ran = JavaProgram.run(BrokenPool.class, "-Dmpdemo.child.jvmArgs=-XX:+NoSuchMpdemoFlag");
        String reason = "pool workers keep failing to start: 3 in a row ended before they were ready, the first "
                + "with exit status 1 (a worker that cannot start says why on standard error)";
        assertEquals("map: " + reason + "\nagain: " + reason + "\napply: ProcessError: " + reason + "\n", ran.out());
        assertEquals(0, ran.status());
    }

    static int length(byte[] bytes) {
        return bytes.length;
    }

    /** Runs in a JVM of its own whose workers have a 64 MB heap: a task of 100 MB cannot reach one. */
    public static final class HugeTask {
        public static void main(String[] args) {
            Pool pool = new Pool(1);
            System.out.println(pool.map(PoolReliabilityTest::square, List.of(1, 2)));
            long worker = pool.workerPids().get(0);
            try {
                pool.apply(PoolReliabilityTest::length, new byte[100 << 20]);
            } catch (WorkerDiedError e) {
                System.out.println("apply: " + e.getMessage().replaceAll("\\d+", "N"));
            }
            System.out.println("the worker is gone: " + ProcessExit.await(worker, 5000));
            System.out.println(pool.map(PoolReliabilityTest::square, List.of(3)));
            pool.terminate();
        }
    }

    /**
     * A task frame larger than a worker can take ends the worker at once, saying why, and fails the task: before,
     * the worker's reader died of the OutOfMemoryError, the worker lived on without reading, and the parent
     * blocked for ever writing the frame.
     */
    @Test
    void aTaskTooLargeForTheWorkerFailsAndTheWorkerEnds() throws Exception {
        JavaProgram ran = JavaProgram.run(HugeTask.class, "-Xmx1g", "-Dmpdemo.child.jvmArgs=-Xmx64m");
        assertEquals("[1, 4]\napply: worker process N (SpawnPoolWorker-N) died while running task N of apply: "
                + "exit status N\nthe worker is gone: true\n[9]\n", ran.out());
        assertTrue(ran.err().matches("(?s).*mpdemo: SpawnPoolWorker-1 \\(pid \\d+\\) stops: it cannot read from its "
                + "parent: java.io.IOException: a frame of 1048\\d+ bytes is more than half of this process's heap"
                + ".*"), ran.err());
    }

    /** Runs in a JVM of its own: starts a pool, prints its worker pids, then waits to be killed. */
    public static final class Parent {
        public static void main(String[] args) throws Exception {
            Pool pool = new Pool(2);
            pool.map(PoolReliabilityTest::square, List.of(1, 2, 3, 4)); // both workers up and serving
            while (pool.workerPids().size() < 2) Thread.onSpinWait();
            System.out.println(pool.workerPids());
            System.out.flush();
            System.in.read(); // until the test kills us
        }
    }

    @Test
    void killedParentLeavesNoWorkerAliveAfterTwoSeconds() throws Exception {
        java.lang.Process parent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Parent.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                    StandardCharsets.UTF_8));
            String line = out.readLine();
            assertNotNull(line, "the parent printed its workers");
            List<ProcessHandle> workers = new ArrayList<>();
            for (String pid : line.replaceAll("[\\[\\] ]", "").split(",")) {
                workers.add(ProcessHandle.of(Long.parseLong(pid)).orElseThrow());
            }
            assertEquals(2, workers.size());
            parent.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertTrue(parent.waitFor(10, TimeUnit.SECONDS));
            long killed = System.nanoTime();
            for (ProcessHandle w : workers) {
                // pidfd-based: an orphan nobody reaps is a zombie, which ProcessHandle counts as alive for ever
                long left = 2_000_000_000L - (System.nanoTime() - killed);
                assertTrue(ProcessExit.await(w.pid(), (int) Math.max(1, left / 1_000_000)),
                        "worker " + w.pid() + " still alive 2 s after its parent was killed");
            }
        } finally {
            parent.descendants().forEach(ProcessHandle::destroyForcibly);
            parent.destroyForcibly();
        }
    }
}
