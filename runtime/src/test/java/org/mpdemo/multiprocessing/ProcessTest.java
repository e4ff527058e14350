package org.mpdemo.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mpdemo.multiprocessing.pool.Pool;

@Timeout(60)
class ProcessTest {

    static void greet(String who, int times) {
        for (int i = 0; i < times; i++) {
            System.out.println("hello " + who + " from " + Multiprocessing.currentProcess().name());
        }
    }

    static void fail() {
        throw new IllegalStateException("child failed");
    }

    static void block() throws InterruptedException {
        new java.util.concurrent.CountDownLatch(1).await(); // work that never ends: the test stops it
    }

    @Test
    void startJoinExitCodeAndOutput() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        Process p;
        try {
            p = new Process(ProcessTest::greet, "world", 2);
            assertNull(p.pid());
            assertNull(p.exitCode());
            p.start();
            assertNotEquals(ProcessHandle.current().pid(), p.pid());
            p.join();
        } finally {
            System.setOut(original);
        }
        assertEquals(0, p.exitCode());
        assertFalse(p.isAlive());
        String name = p.name();
        assertTrue(name.matches("Process-\\d+"), name);
        assertEquals("hello world from " + name + "\nhello world from " + name + "\n",
                captured.toString(StandardCharsets.UTF_8));
        assertThrows(IllegalStateException.class, p::start);
    }

    @Test
    void uncaughtExceptionGivesExitCodeOne() {
        PrintStream original = System.err;
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            Process p = new Process(ProcessTest::fail).start();
            p.join();
            assertEquals(1, p.exitCode());
        } finally {
            System.setErr(original);
        }
    }

    @Test
    void terminateAndKillReportMinusTheSignal() {
        Process terminated = new Process(ProcessTest::block).start();
        Process killed = new Process(ProcessTest::block).start();
        assertTrue(terminated.isAlive());
        terminated.terminate();
        killed.kill();
        terminated.join();
        killed.join();
        assertEquals(-15, terminated.exitCode());
        assertEquals(-9, killed.exitCode());
    }

    static void chatter(int worker) {
        for (int i = 0; i < 200; i++) {
            System.out.println("worker " + worker + " line " + i + " " + "x".repeat(200));
        }
    }

    @Test
    void linesFromManyWorkersNeverSplice() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (Pool pool = new Pool(4)) {
            pool.map(ProcessTest::chatterAndReturn, IntStream.range(0, 8).boxed().toList(), 1);
        } finally {
            System.setOut(original);
        }
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(8 * 200, lines.size());
        Set<String> distinct = new HashSet<>(lines);
        assertEquals(8 * 200, distinct.size());
        String expected = "x".repeat(200);
        for (String line : lines) assertTrue(line.matches("worker \\d line \\d+ " + expected), line);
        Set<Integer> workers = lines.stream().map(l -> l.charAt(7) - '0').collect(Collectors.toSet());
        assertEquals(8, workers.size());
    }

    static int chatterAndReturn(int worker) {
        chatter(worker);
        return worker;
    }
}
