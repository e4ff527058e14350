package org.mpdemo.demos.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.mpdemo.demos.DemoRun;
import org.mpdemo.demos.FailureDemoChecksAccess;

class LockSyncReraiseTest {

    @Test
    void reRaisesCPythonsErrorAndExitsOne() {
        DemoRun run = DemoRun.of("lock-sync-reraise");
        assertEquals("", run.stdout());
        assertEquals(1, run.exitCode());
        FailureDemoChecksAccess.endsWithTheError(run, "Lock");
        FailureDemoChecksAccess.everyTaskFailedInTheParent(run, 10, "Lock");
        run.assertAsDocumented();
    }
}
