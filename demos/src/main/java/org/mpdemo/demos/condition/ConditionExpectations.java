package org.mpdemo.demos.condition;

import static org.mpdemo.classroom.Checks.check;
import static org.mpdemo.classroom.Checks.equal;
import static org.mpdemo.classroom.Expectations.SMALL_SCALE;

import java.util.List;
import java.util.Map;
import org.mpdemo.classroom.Checks;
import org.mpdemo.classroom.Expectations.Expectation;
import org.mpdemo.demos.TraceLog;
import org.mpdemo.multiprocessing.trace.TraceEvent;

/**
 * What each condition demo documents (the "Expect" paragraph of its class comment), as the check
 * {@code mpdemo verify} and the tests make.
 */
public final class ConditionExpectations {

    private ConditionExpectations() {
    }

    /** The documented behaviour of each demo of the topic, by its class. */
    public static Map<Class<?>, Expectation> byDemo() {
        return Map.of(
                ConditionSilentFailure.class, conditionSilentFailure(),
                ConditionErrorCallback.class, conditionErrorCallback(),
                ConditionSyncReraise.class, conditionSyncReraise(),
                ConditionInheritedGlobal.class, conditionFix(),
                ConditionInitializerFix.class, conditionFix(),
                ConditionLostWakeup.class, lostWakeup(),
                ConditionManagerFix.class, conditionManagerFix());
    }

    private static Expectation conditionSilentFailure() {
        return new Expectation("'Tasks begin.', 'Tasks done.', exit 0; no task waited", SMALL_SCALE, 1, run -> {
            Checks.stdoutIs(run, List.of("Tasks begin.", "Tasks done."));
            Checks.stderrEmpty(run);
            Checks.exitStatus(run, 0);
            Checks.everyTaskFailedInTheParent(run, 4, "Condition");
            equal(0, Checks.events(run, TraceEvent.WAIT).size(), "waits on the condition");
            return "begin and done only, exit 0; 4 tasks failed in the parent";
        });
    }

    private static Expectation conditionErrorCallback() {
        return new Expectation("the message, 'Tasks begin.', 'Tasks done.', exit 0", SMALL_SCALE, 1, run -> {
            Checks.stdoutIs(run, List.of(Checks.message("Condition"), "Tasks begin.", "Tasks done."));
            Checks.stderrEmpty(run);
            Checks.exitStatus(run, 0);
            Checks.everyTaskFailedInTheParent(run, 4, "Condition");
            Checks.errorCallbackCalls(run, 1);
            return "message, begin, done, exit 0; one callback for 4 failed tasks";
        });
    }

    private static Expectation conditionSyncReraise() {
        return new Expectation("'Tasks begin.', then SharingError re-raised, exit 1", SMALL_SCALE, 1, run -> {
            Checks.stdoutIs(run, List.of("Tasks begin."));
            Checks.exitStatus(run, 1);
            Checks.endsWithTheError(run, "Condition");
            Checks.everyTaskFailedInTheParent(run, 4, "Condition");
            return "begin, then exit 1 with 'SharingError: Condition objects…'";
        });
    }

    /**
     * Three attempts: a worker's "waiting..." line travels to the main process through the worker's pipe, so on
     * a very busy machine it can be printed just after the main process's "Tasks begin." although the task
     * was waiting before the notification (the trace shows it).
     */
    private static Expectation conditionFix() {
        return new Expectation("4 tasks wait, then complete one at a time", SMALL_SCALE, 3, run -> {
            Checks.exitStatus(run, 0);
            Checks.stderrEmpty(run);
            Checks.conditionTasksWaitThenCompleteOneAtATime(run, 4);
            return "4 waiting, begin, 4 completed one at a time, done";
        });
    }

    private static Expectation lostWakeup() {
        return new Expectation("4 tasks stuck after an early notify; with an Event all complete", SMALL_SCALE, 1,
                run -> {
                    Checks.exitStatus(run, 0);
                    List<String> lines = run.lines();
                    check(lines.size() >= 8, lines.size() + " lines on standard output, expected 17");
                    equal("Tasks begin.", lines.get(0), "line 1");
                    for (String line : lines.subList(1, 5)) {
                        check(line.matches("Task \\d waiting\\.\\.\\."), "expected a waiting line, got '" + line + "'");
                    }
                    equal("All 4 tasks are still waiting: the notification came before they waited and was lost. "
                            + "Stopping the pool.", lines.get(5), "line 6");
                    equal("The fix: an Event stays set.", lines.get(6), "line 7");
                    equal("Tasks begin.", lines.get(7), "line 8");
                    List<String> fixed = lines.subList(8, lines.size() - 1);
                    equal(8, fixed.size(), "lines of the fixed part");
                    for (int task = 0; task < 4; task++) {
                        int waiting = fixed.indexOf("Task " + task + " waiting...");
                        int completed = -1;
                        for (int i = 0; i < fixed.size(); i++) {
                            if (fixed.get(i).startsWith("Task " + task + " completed with ")) completed = i;
                        }
                        check(waiting >= 0 && completed > waiting, "task " + task + " did not wait, then complete");
                    }
                    equal("Tasks done.", lines.get(lines.size() - 1), "last line");
                    // the first part's notification woke nobody: no task returned from its wait on the condition
                    long waits = Checks.events(run, TraceEvent.WAIT).stream()
                            .filter(e -> e.get("obj").startsWith("condition-")).count();
                    long wakes = Checks.events(run, TraceEvent.WAKE).stream()
                            .filter(e -> e.get("obj").startsWith("condition-")).count();
                    equal(4L, waits - wakes, "tasks never woken by the condition");
                    return "4 stuck (wake-up lost), then 4 completed after the Event";
                });
    }

    private static Expectation conditionManagerFix() {
        return new Expectation("4 tasks wait, then complete one at a time; one notification wakes all four",
                SMALL_SCALE, 1, run -> {
                    Checks.exitStatus(run, 0);
                    Checks.stderrEmpty(run);
                    List<String> lines = run.lines();
                    equal(10, lines.size(), "lines on standard output");
                    Checks.eachIdOnce(lines.subList(0, 4), Checks.WAITING, 4);
                    equal("Tasks begin.", lines.get(4), "line 5");
                    Checks.eachIdOnce(lines.subList(5, 9), Checks.COMPLETED, 4);
                    equal("Tasks done.", lines.get(9), "line 10");
                    List<TraceLog.Event> waits = Checks.events(run, TraceEvent.WAIT);
                    List<TraceLog.Event> notifies = Checks.events(run, TraceEvent.NOTIFY);
                    List<TraceLog.Event> wakes = Checks.events(run, TraceEvent.WAKE);
                    equal(4, waits.size(), "waits");
                    equal(1, notifies.size(), "notifications");
                    equal("4", notifies.get(0).get("woken"), "tasks the notification woke");
                    long notified = notifies.get(0).t();
                    check(waits.stream().allMatch(e -> e.t() < notified), "a task waited after the notification");
                    equal(4, wakes.size(), "wake-ups");
                    check(wakes.stream().allMatch(e -> e.t() > notified && "true".equals(e.get("signalled"))),
                            "a task woke before the notification, or without it");
                    String lock = Checks.heldAtMostInTheManager(run, "RLock", 1);
                    equal(4L, Checks.events(run, TraceEvent.ACQUIRE).stream()
                            .filter(e -> lock.equals(e.get("obj")) && e.t() > notified).count(),
                            "lock acquisitions after the notification (each woken task in turn)");
                    return "4 waiting, begin, 4 completed one at a time, done; one notification woke all four";
                });
    }
}
