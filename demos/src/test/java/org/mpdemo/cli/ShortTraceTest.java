package org.mpdemo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mpdemo.multiprocessing.errors.SharingError;
import org.mpdemo.multiprocessing.pool.Pool;
import org.mpdemo.multiprocessing.shared.Lock;

@Timeout(60)
class ShortTraceTest {
    static Pool pool;

    @BeforeAll
    static void start() {
        pool = new Pool(1);
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    /** A task that takes a Lock: it never runs, because the Lock cannot be serialized for it. */
    static void holdBriefly(int identifier, Lock lock) {
        lock.acquire();
        lock.release();
    }

    static int boom(int identifier) {
        throw new IllegalStateException("boom " + identifier);
    }

    @Test
    void aLockInATaskIsReportedWhereTheParentSerializedIt() {
        var result = pool.applyAsync(ShortTraceTest::holdBriefly, 1, new Lock());
        SharingError error = assertThrows(SharingError.class, result::get);

        List<String> lines = ShortTrace.format(error);

        assertEquals("SharingError: Lock objects should only be shared between processes through inheritance",
                lines.get(lines.size() - 1));
        assertEquals("Traceback (most recent call last, in the main process):", lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.matches("  File \"Pool.java\", line \\d+, in Pool.applyAsync")),
                String.join("\n", lines));
        assertTrue(lines.contains("  while serializing the task's arguments for a worker (Reduction.serialize)"),
                String.join("\n", lines));
        assertTrue(lines.contains("  Lock.writeObject: only allowed while a process is being started"),
                String.join("\n", lines));
        assertTrue(lines.stream().noneMatch(l -> l.contains("java.") || l.contains("ObjectOutputStream")),
                String.join("\n", lines));
    }

    @Test
    void anErrorFromAWorkerShowsTheWorkersTrace() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> pool.apply(ShortTraceTest::boom, 7));

        List<String> lines = ShortTrace.format(error);

        assertTrue(lines.get(0).contains("raised in a worker process"), lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("Traceback from worker process")),
                String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.contains("ShortTraceTest.boom")), String.join("\n", lines));
        assertEquals("IllegalStateException: boom 7", lines.get(lines.size() - 1));
    }

    @Test
    void plumbingBetweenShownFramesIsOneLine() {
        var error = new IllegalStateException("Pool not running");
        error.setStackTrace(new StackTraceElement[] {
            frame("org.mpdemo.multiprocessing.pool.Pool", "checkRunning", 480),
            frame("org.mpdemo.multiprocessing.pool.Pool", "materialize", 470),
            frame("org.mpdemo.multiprocessing.pool.Pool", "submitMap", 440),
            frame("org.mpdemo.multiprocessing.pool.Pool", "starmapAsync", 295),
            frame("org.mpdemo.multiprocessing.pool.Pool", "starmapAsync", 290),
            frame("org.mpdemo.multiprocessing.pool.Pool", "starmap", 268),
            frame("org.mpdemo.demos.lock.LockSyncReraise", "main", 39),
            new StackTraceElement("jdk.internal.reflect.NativeMethodAccessorImpl", "invoke0", null, -2),
            frame("org.mpdemo.cli.RunCommand", "run", 170)});

        assertEquals(List.of(
                "Traceback (most recent call last, in the main process):",
                "  File \"LockSyncReraise.java\", line 39, in LockSyncReraise.main",
                "  File \"Pool.java\", line 268, in Pool.starmap",
                "  File \"Pool.java\", line 290, in Pool.starmapAsync",
                "  inside the runtime: File \"Pool.java\", line 480, in Pool.checkRunning",
                "IllegalStateException: Pool not running"), ShortTrace.format(error));
    }

    @Test
    void lastLineWithoutAMessageIsTheTypeAlone() {
        assertEquals("NullPointerException", ShortTrace.lastLine(new NullPointerException()));
    }

    private static StackTraceElement frame(String className, String method, int line) {
        String file = className.substring(className.lastIndexOf('.') + 1) + ".java";
        return new StackTraceElement(className, method, file, line);
    }
}
