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
import org.mpdemo.multiprocessing.Process;
import org.mpdemo.multiprocessing.ProcessExit;
import org.mpdemo.multiprocessing.errors.ProcessError;
import org.mpdemo.multiprocessing.errors.WorkerDiedError;

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
