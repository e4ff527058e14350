package org.mpdemo.classroom;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mpdemo.demos.TraceLog;
import org.mpdemo.multiprocessing.trace.TraceEvent;

/**
 * The building blocks of the documented expectations: each checks one thing about a run and throws a
 * {@link Mismatch} saying exactly what differed (as a test assertion would), or returns quietly.
 */
public final class Checks {
    /** {@code Task 3 completed with 0.42130411239504584}: Python's str(float) of a number in [0, 1). */
    public static final Pattern COMPLETED =
            Pattern.compile("Task (\\d+) completed with (0\\.\\d+|\\d\\.\\d+e-\\d\\d)");
    public static final Pattern WAITING = Pattern.compile("Task (\\d+) waiting\\.\\.\\.");

    private Checks() {
    }

    /** A documented behaviour that a run did not show; the message says what differed, on one line. */
    public static final class Mismatch extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Mismatch(String message) {
            super(message, null, false, false);
        }
    }

    public static void check(boolean ok, String whatDiffered) {
        if (!ok) throw new Mismatch(whatDiffered);
    }

    public static void equal(Object expected, Object actual, String what) {
        if (!expected.equals(actual)) {
            throw new Mismatch(what + ": expected " + shown(expected) + ", got " + shown(actual));
        }
    }

    private static String shown(Object value) {
        String text = value instanceof String s ? "'" + s + "'" : String.valueOf(value);
        return text.length() > 160 ? text.substring(0, 157) + "..." : text;
    }

    /** The run's trace events of this kind. */
    public static List<TraceLog.Event> events(Observation run, TraceEvent kind) {
        return run.trace().named(kind.wireName());
    }

    /** CPython's message for a primitive that travelled outside process start. */
    public static String message(String type) {
        return type + " objects should only be shared between processes through inheritance";
    }

    public static void exitStatus(Observation run, int expected) {
        if (run.exitCode() != expected) {
            List<String> err = run.errorLines();
            throw new Mismatch("exit status " + run.exitCode() + " instead of " + expected
                    + (err.isEmpty() ? "" : "; standard error ends: " + shown(err.get(err.size() - 1))));
        }
    }

    public static void stdoutIs(Observation run, List<String> expected) {
        List<String> lines = run.lines();
        for (int i = 0; i < Math.min(lines.size(), expected.size()); i++) {
            if (!lines.get(i).equals(expected.get(i))) {
                throw new Mismatch("line " + (i + 1) + " of standard output: expected " + shown(expected.get(i))
                        + ", got " + shown(lines.get(i)));
            }
        }
        if (lines.size() != expected.size()) {
            throw new Mismatch(lines.size() + " lines on standard output instead of " + expected.size()
                    + (lines.size() > expected.size() ? "; extra: " + shown(lines.get(expected.size())) : ""));
        }
    }

    public static void stdoutEmpty(Observation run) {
        stdoutIs(run, List.of());
    }

    public static void stderrEmpty(Observation run) {
        if (!run.stderr().isEmpty()) {
            throw new Mismatch("standard error is not empty: " + shown(run.errorLines().get(0)));
        }
    }

    /** The main process: the one that started the (first) pool. */
    public static long mainPid(TraceLog trace) {
        List<TraceLog.Event> starts = trace.named(TraceEvent.POOL_START.wireName());
        check(!starts.isEmpty(), "the trace has no " + TraceEvent.POOL_START.wireName() + " event");
        return starts.get(0).pid();
    }

    /**
     * Every task failed with CPython's error, raised in the main process while serializing — never in a
     * worker — and no task ever started.
     */
    public static void everyTaskFailedInTheParent(Observation run, int tasks, String type) {
        List<TraceLog.Event> errors = events(run, TraceEvent.ERROR);
        equal(tasks, errors.size(), "errors in the trace (one per task)");
        long main = mainPid(run.trace());
        for (TraceLog.Event e : errors) {
            equal("SharingError", e.get("type"), "error type");
            equal(message(type), e.get("message"), "error message");
            equal("serializing in the parent", e.get("where"), "where the error was raised");
            equal(main, e.pid(), "process that raised the error (the main process)");
        }
        equal(0, events(run, TraceEvent.TASK_START).size(), "tasks that started");
    }

    /**
     * The main program was over within a second of submitting its tasks (the tutorial: "the main process
     * continues almost immediately"): from the first failed task to the pool's end. Measured from the failure,
     * not from the pool's creation, whose time is the launching of the worker JVMs — on a busy machine that
     * alone can pass a second, and it is not what the lesson is about. Returns the milliseconds.
     */
    public static long overWithinASecondOfTheFailure(Observation run) {
        List<TraceLog.Event> errors = events(run, TraceEvent.ERROR);
        List<TraceLog.Event> end = events(run, TraceEvent.POOL_TERMINATE);
        check(!errors.isEmpty() && !end.isEmpty(),
                "the trace lacks an " + TraceEvent.ERROR.wireName() + " or " + TraceEvent.POOL_TERMINATE.wireName());
        long nanos = end.get(0).t() - errors.get(0).t();
        check(nanos < 1_000_000_000L, "the pool ended " + nanos / 1_000_000 + " ms after the tasks failed, "
                + "not within a second");
        return nanos / 1_000_000;
    }

    public static void errorCallbackCalls(Observation run, int expected) {
        equal(expected, events(run, TraceEvent.ERROR_CALLBACK).size(), "error callback calls");
    }

    /**
     * Standard error ends with exactly {@code SharingError: <CPython's message>}, under a short trace that says
     * it was raised in the main process while serializing — never in a worker.
     */
    public static void endsWithTheError(Observation run, String type) {
        List<String> lines = run.errorLines();
        check(!lines.isEmpty(), "nothing on standard error");
        equal("SharingError: " + message(type), lines.get(lines.size() - 1), "last line of standard error");
        equal("Traceback (most recent call last, in the main process):", lines.get(0),
                "first line of standard error");
        check(run.stderr().contains("while serializing the task's arguments for a worker"),
                "the trace does not say the task's arguments were being serialized");
        check(run.stderr().contains(type + ".writeObject: only allowed while a process is being started")
                        || run.stderr().contains("SemLock.writeObject: only allowed while a process is being started"),
                "the trace does not show the primitive refusing to be serialized");
        check(!run.stderr().contains("worker process"), "the trace says the error came from a worker");
    }

    /** Exactly {@code tasks} completion lines, each task once, in any order. */
    public static void everyTaskCompletedOnce(List<String> lines, int tasks) {
        equal(tasks, lines.size(), "completion lines");
        Set<Integer> ids = new TreeSet<>();
        for (String line : lines) {
            Matcher m = COMPLETED.matcher(line);
            check(m.matches(), "not a completion line: " + shown(line));
            ids.add(Integer.parseInt(m.group(1)));
        }
        equal(tasks, ids.size(), "distinct tasks completed " + ids);
    }

    /**
     * From the trace: the one primitive of {@code kind} was held by at most {@code permits} tasks at any moment,
     * and by exactly {@code permits} at some moment.
     */
    public static void mostHoldersAtOnce(Observation run, String kind, int permits) {
        List<String> objects = run.trace().objects(kind);
        equal(1, objects.size(), "number of " + kind + "s used " + objects);
        equal(permits, run.trace().maxHolders(objects.get(0)), "most holders of the " + kind + " at once");
    }

    /**
     * The condition programs' output: every task waits before {@code Tasks begin.}, completes after it, and
     * {@code Tasks done.} ends it; the tasks held the condition's lock one at a time.
     */
    public static void conditionTasksWaitThenCompleteOneAtATime(Observation run, int tasks) {
        List<String> lines = run.lines();
        equal(2 * tasks + 2, lines.size(), "lines on standard output");
        Set<Integer> waiting = new TreeSet<>();
        for (String line : lines.subList(0, tasks)) {
            Matcher m = WAITING.matcher(line);
            check(m.matches(), "expected a waiting line before 'Tasks begin.', got " + shown(line));
            waiting.add(Integer.parseInt(m.group(1)));
        }
        equal(tasks, waiting.size(), "distinct tasks waiting " + waiting);
        equal("Tasks begin.", lines.get(tasks), "line " + (tasks + 1));
        everyTaskCompletedOnce(lines.subList(tasks + 1, 2 * tasks + 1), tasks);
        equal("Tasks done.", lines.get(2 * tasks + 1), "last line");
        mostHoldersAtOnce(run, "RLock", 1);
        equal(tasks, events(run, TraceEvent.WAIT).size(), "waits on the condition (each task once)");
    }

    /**
     * A manager's primitive: exactly one of {@code kind} in the trace, acquired only in the manager process, and
     * held by at most {@code permits} at once — and by that many at some moment. Returns its id.
     */
    public static String heldAtMostInTheManager(Observation run, String kind, int permits) {
        List<String> objects = run.trace().objects(kind);
        equal(1, objects.size(), "number of " + kind + "s used " + objects);
        String obj = objects.get(0);
        equal(permits, run.trace().maxHolders(obj), "most holders of the " + kind + " at once");
        List<TraceLog.Event> managers = events(run, TraceEvent.MANAGER);
        check(!managers.isEmpty(), "the trace has no " + TraceEvent.MANAGER.wireName() + " event");
        long server = Long.parseLong(managers.get(0).get("server"));
        check(events(run, TraceEvent.ACQUIRE).stream().filter(e -> obj.equals(e.get("obj")))
                .allMatch(e -> e.pid() == server), "the " + kind + " was acquired outside the manager process");
        return obj;
    }

    /** Every line matches {@code pattern}, whose first group is a task id, and the ids are 0..n-1, each once. */
    public static void eachIdOnce(List<String> lines, Pattern pattern, int n) {
        equal(n, lines.size(), "lines");
        Set<Integer> ids = new TreeSet<>();
        for (String line : lines) {
            Matcher m = pattern.matcher(line);
            check(m.matches(), "unexpected line: " + shown(line));
            check(ids.add(Integer.parseInt(m.group(1))), "id printed twice: " + shown(line));
        }
        Set<Integer> all = new TreeSet<>();
        for (int i = 0; i < n; i++) all.add(i);
        equal(all, ids, "task ids");
    }
}
