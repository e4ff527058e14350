package org.mpdemo.demos.condition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mpdemo.demos.DemoRun;
import org.mpdemo.demos.ManagerDemoChecks;
import org.mpdemo.demos.TraceLog;

class ConditionManagerFixTest {

    static void checkRun(DemoRun run) {
        ManagerDemoChecks.succeededQuietly(run);
        List<String> lines = run.lines();
        assertEquals(10, lines.size(), run.stdout());
        ManagerDemoChecks.eachIdOnce(lines.subList(0, 4), ManagerDemoChecks.WAITING, 4);
        assertEquals("Tasks begin.", lines.get(4));
        ManagerDemoChecks.eachIdOnce(lines.subList(5, 9), ManagerDemoChecks.COMPLETED, 4);
        assertEquals("Tasks done.", lines.get(9));

        // in the manager: four waits, then one notification that wakes all four, then four wake-ups
        List<TraceLog.Event> waits = run.trace().named("wait");
        List<TraceLog.Event> notifies = run.trace().named("notify");
        List<TraceLog.Event> wakes = run.trace().named("wake");
        assertEquals(4, waits.size());
        assertEquals(1, notifies.size());
        assertEquals("4", notifies.get(0).get("woken"));
        long notified = notifies.get(0).t();
        assertTrue(waits.stream().allMatch(e -> e.t() < notified), "every task waited before the notification");
        assertEquals(4, wakes.size());
        assertTrue(wakes.stream().allMatch(e -> e.t() > notified && e.get("signalled").equals("true")),
                "every task woke after the notification, signalled");
        // the condition's lock: one holder at a time, also while the woken tasks finish one by one
        String lock = ManagerDemoChecks.heldAtMost(run, "RLock", 1);
        long acquiresAfterWaking = run.trace().named("acquire").stream()
                .filter(e -> lock.equals(e.get("obj")) && e.t() > notified).count();
        assertEquals(4, acquiresAfterWaking, "each woken task takes the lock again, in turn");
        run.assertAsDocumented();
    }

    @Test
    void everyTaskWaitsBeforeTheNotificationAndCompletesAfterItOneAtATime() {
        checkRun(DemoRun.of("condition-manager-fix"));
    }

    /** CPython's program hangs when the pause is 1 ms or less; this one must not, even with no pause at all. */
    @Test
    void noLostWakeUpWithoutAnyPause() {
        checkRun(DemoRun.of("condition-manager-fix", "--time-scale", "1e-9"));
    }
}
