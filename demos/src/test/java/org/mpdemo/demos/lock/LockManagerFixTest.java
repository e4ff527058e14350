package org.mpdemo.demos.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.mpdemo.demos.DemoRun;
import org.mpdemo.demos.ManagerDemoChecks;

class LockManagerFixTest {

    @Test
    void tenTasksCompleteOneAtATime() {
        DemoRun run = DemoRun.of("lock-manager-fix");
        ManagerDemoChecks.succeededQuietly(run);
        ManagerDemoChecks.eachIdOnce(run.lines(), ManagerDemoChecks.COMPLETED, 10);
        String lock = ManagerDemoChecks.heldAtMost(run, "Lock", 1);
        assertEquals(10, run.trace().named("acquire").stream().filter(e -> lock.equals(e.get("obj"))).count(),
                "one acquire per task");
        run.assertAsDocumented();
    }
}
