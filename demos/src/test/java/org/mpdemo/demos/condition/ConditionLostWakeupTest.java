package org.mpdemo.demos.condition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mpdemo.demos.DemoRun;

class ConditionLostWakeupTest {

    @Test
    void theEarlyNotificationIsLostAndAnEventFixesIt() {
        DemoRun run = DemoRun.of("condition-lost-wakeup");
        assertEquals(0, run.exitCode(), run.stderr());
        List<String> lines = run.lines();
        assertEquals("Tasks begin.", lines.get(0));
        for (String line : lines.subList(1, 5)) assertTrue(line.matches("Task \\d waiting\\.\\.\\."), line);
        assertEquals("All 4 tasks are still waiting: the notification came before they waited and was lost. "
                + "Stopping the pool.", lines.get(5));
        assertEquals("The fix: an Event stays set.", lines.get(6));
        assertEquals("Tasks begin.", lines.get(7));
        List<String> fixed = lines.subList(8, lines.size() - 1);
        assertEquals(8, fixed.size(), run.stdout());
        for (int task = 0; task < 4; task++) {
            int waiting = fixed.indexOf("Task " + task + " waiting...");
            int completed = -1;
            for (int i = 0; i < fixed.size(); i++) if (fixed.get(i).startsWith("Task " + task + " completed with ")) completed = i;
            assertTrue(waiting >= 0 && completed > waiting, run.stdout());
        }
        assertEquals("Tasks done.", lines.get(lines.size() - 1));
        // the first part's notification woke nobody: no task returned from its wait on the condition
        assertEquals(4, run.trace().named("wait").stream().filter(e -> e.get("obj").startsWith("condition-")).count()
                - run.trace().named("wake").stream().filter(e -> e.get("obj").startsWith("condition-")).count());
        run.assertAsDocumented();
    }
}
