package org.mpdemo.demos.semaphore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.mpdemo.demos.DemoRun;
import org.mpdemo.demos.FailureDemoChecksAccess;

class SemaphoreSyncReraiseTest {

    @Test
    void reRaisesCPythonsErrorAndExitsOne() {
        DemoRun run = DemoRun.of("semaphore-sync-reraise");
        assertEquals("", run.stdout());
        assertEquals(1, run.exitCode());
        FailureDemoChecksAccess.endsWithTheError(run, "Semaphore");
        FailureDemoChecksAccess.everyTaskFailedInTheParent(run, 10, "Semaphore");
        run.assertAsDocumented();
    }
}
