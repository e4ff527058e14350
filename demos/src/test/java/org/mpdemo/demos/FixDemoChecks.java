package org.mpdemo.demos;

import java.util.List;
import org.mpdemo.classroom.Checks;

/** What the demos that share a primitive correctly must show: the checks {@code mpdemo verify} makes. */
public final class FixDemoChecks {
    private FixDemoChecks() {
    }

    /** Exactly {@code tasks} completion lines, each task once, in any order. */
    public static void everyTaskCompletedOnce(List<String> lines, int tasks) {
        Asserting.that(() -> Checks.everyTaskCompletedOnce(lines, tasks));
    }

    /**
     * From the trace: the one primitive of {@code kind} was held by at most {@code permits} tasks at any moment,
     * and by exactly {@code permits} at some moment.
     */
    public static void mostHoldersAtOnce(DemoRun run, String kind, int permits) {
        Asserting.that(() -> Checks.mostHoldersAtOnce(run.observation(), kind, permits));
    }

    /**
     * The condition programs' output: every task waits before {@code Tasks begin.}, completes after it, and
     * {@code Tasks done.} ends it; the tasks held the condition's lock one at a time.
     */
    public static void conditionTasksWaitThenCompleteOneAtATime(DemoRun run, int tasks) {
        Asserting.that(() -> Checks.conditionTasksWaitThenCompleteOneAtATime(run.observation(), tasks));
    }
}
