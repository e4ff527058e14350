package org.mpdemo.demos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the demos that share a primitive correctly must show. */
public final class FixDemoChecks {
    private static final Pattern COMPLETED = Pattern.compile("Task (\\d+) completed with (\\d\\.\\d+(e-\\d+)?)");
    private static final Pattern WAITING = Pattern.compile("Task (\\d+) waiting\\.\\.\\.");

    private FixDemoChecks() {
    }

    /** Exactly {@code tasks} completion lines, each task once, in any order. */
    public static void everyTaskCompletedOnce(List<String> lines, int tasks) {
        assertEquals(tasks, lines.size(), String.join("\n", lines));
        Set<Integer> ids = new TreeSet<>();
        for (String line : lines) {
            Matcher m = COMPLETED.matcher(line);
            assertTrue(m.matches(), line);
            ids.add(Integer.parseInt(m.group(1)));
        }
        assertEquals(tasks, ids.size(), "each task once: " + ids);
    }

    /**
     * From the trace: the one primitive of {@code kind} was held by at most {@code permits} tasks at any moment,
     * and by exactly {@code permits} at some moment.
     */
    public static void mostHoldersAtOnce(DemoRun run, String kind, int permits) {
        List<String> objects = run.trace().objects(kind);
        assertEquals(1, objects.size(), "one " + kind + " was used: " + objects);
        assertEquals(permits, run.trace().maxHolders(objects.get(0)), "most holders at once");
    }

    /**
     * The condition programs' output: every task waits before {@code Tasks begin.}, completes after it, and
     * {@code Tasks done.} ends it; the tasks held the condition's lock one at a time.
     */
    public static void conditionTasksWaitThenCompleteOneAtATime(DemoRun run, int tasks) {
        List<String> lines = run.lines();
        assertEquals(2 * tasks + 2, lines.size(), run.stdout());
        Set<Integer> waiting = new TreeSet<>();
        for (String line : lines.subList(0, tasks)) {
            Matcher m = WAITING.matcher(line);
            assertTrue(m.matches(), line);
            waiting.add(Integer.parseInt(m.group(1)));
        }
        assertEquals(tasks, waiting.size());
        assertEquals("Tasks begin.", lines.get(tasks));
        everyTaskCompletedOnce(lines.subList(tasks + 1, 2 * tasks + 1), tasks);
        assertEquals("Tasks done.", lines.get(2 * tasks + 1));
        mostHoldersAtOnce(run, "RLock", 1);
        assertEquals(tasks, run.trace().named("wait").size(), "each task waited once");
    }
}
