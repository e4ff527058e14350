package org.mpdemo.demos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

/** What every "primitive in task arguments" demo must show in its trace, whatever its flavour. */
public final class FailureDemoChecksAccess {
    private FailureDemoChecksAccess() {
    }

    public static String message(String type) {
        return type + " objects should only be shared between processes through inheritance";
    }

    /**
     * Every task failed with CPython's error, raised in the main process while serializing — never in a
     * worker — and no task ever started.
     */
    public static void everyTaskFailedInTheParent(DemoRun run, int tasks, String type) {
        List<TraceLog.Event> errors = run.trace().named("error");
        assertEquals(tasks, errors.size(), "one error per task");
        long mainPid = run.trace().named("pool-start").get(0).pid();
        for (TraceLog.Event e : errors) {
            assertEquals("SharingError", e.get("type"));
            assertEquals(message(type), e.get("message"));
            assertEquals("serializing in the parent", e.get("where"));
            assertEquals(mainPid, e.pid(), "raised in the main process");
        }
        assertTrue(run.trace().named("task-start").isEmpty(), "no task ever ran");
    }

    /** The main program was over within a second of creating its pool (the tutorial: "almost immediately"). */
    public static void endedWithinASecondOfThePool(DemoRun run) {
        long start = run.trace().named("pool-start").get(0).t();
        long end = run.trace().named("pool-terminate").get(0).t();
        assertTrue(end - start < 1_000_000_000L, "pool lived " + (end - start) / 1e6 + " ms");
    }

    public static void errorCallbackFiredOnce(DemoRun run) {
        assertEquals(1, run.trace().named("error-callback").size(), "error callback calls");
    }

    /**
     * Standard error ends with exactly {@code SharingError: <CPython's message>}, under a short trace that says
     * it was raised in the main process while serializing — never in a worker.
     */
    public static void endsWithTheError(DemoRun run, String type) {
        List<String> lines = run.errorLines();
        assertTrue(!lines.isEmpty(), "nothing on standard error");
        assertEquals("SharingError: " + message(type), lines.get(lines.size() - 1));
        assertEquals("Traceback (most recent call last, in the main process):", lines.get(0));
        assertTrue(run.stderr().contains("while serializing the task's arguments for a worker"), run.stderr());
        assertTrue(run.stderr().contains(type + ".writeObject: only allowed while a process is being started")
                || run.stderr().contains("SemLock.writeObject: only allowed while a process is being started"),
                run.stderr());
        assertTrue(!run.stderr().contains("worker process"), "not raised in a worker: " + run.stderr());
    }
}
