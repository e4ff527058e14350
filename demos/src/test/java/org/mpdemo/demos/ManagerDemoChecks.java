package org.mpdemo.demos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the manager demos must print and show in their traces. */
public final class ManagerDemoChecks {
    /** {@code Task 3 completed with 0.42130411239504584}: Python's str(float), in [0, 1). */
    public static final Pattern COMPLETED =
            Pattern.compile("Task (\\d+) completed with (0\\.\\d+|\\d(?:\\.\\d+)?e-\\d\\d)");
    public static final Pattern WAITING = Pattern.compile("Task (\\d+) waiting\\.\\.\\.");

    private ManagerDemoChecks() {
    }

    /** Exit status 0 and nothing on standard error. */
    public static void succeededQuietly(DemoRun run) {
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("", run.stderr());
    }

    /** Every line matches {@code pattern}, and the ids are exactly 0..n-1, each once. */
    public static void eachIdOnce(List<String> lines, Pattern pattern, int n) {
        assertEquals(n, lines.size(), String.join("\n", lines));
        Set<Integer> ids = new TreeSet<>();
        for (String line : lines) {
            Matcher m = pattern.matcher(line);
            assertTrue(m.matches(), "unexpected line: " + line);
            assertTrue(ids.add(Integer.parseInt(m.group(1))), "id printed twice: " + line);
        }
        assertEquals(n == 0 ? Set.of() : new TreeSet<>(Tutorial.range(n).toList()), ids);
    }

    /**
     * The trace has exactly one primitive of {@code kind}, acquired in the manager process, and the most holders
     * it had at once is {@code permits}: never more, and that many at some moment.
     */
    public static String heldAtMost(DemoRun run, String kind, int permits) {
        List<String> objects = run.trace().objects(kind);
        assertEquals(1, objects.size(), kind + " objects in the trace: " + objects);
        String obj = objects.get(0);
        assertEquals(permits, run.trace().maxHolders(obj), "most holders of " + obj + " at once");
        long server = Long.parseLong(run.trace().named("manager").get(0).get("server"));
        assertTrue(run.trace().named("acquire").stream().filter(e -> obj.equals(e.get("obj")))
                .allMatch(e -> e.pid() == server), "acquired in the manager process " + server);
        return obj;
    }

    /** As {@link #heldAtMost}, without requiring that {@code permits} holders were ever reached. */
    public static void heldAtMostNeverMore(DemoRun run, String kind, int permits) {
        List<String> objects = run.trace().objects(kind);
        assertEquals(1, objects.size(), kind + " objects in the trace: " + objects);
        int most = run.trace().maxHolders(objects.get(0));
        assertTrue(most >= 1 && most <= permits, "most holders at once: " + most);
    }
}
