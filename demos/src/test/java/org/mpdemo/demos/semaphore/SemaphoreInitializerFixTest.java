package org.mpdemo.demos.semaphore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.mpdemo.demos.DemoRun;
import org.mpdemo.demos.FixDemoChecks;

class SemaphoreInitializerFixTest {

    @Test
    void everyTaskCompletesAndAtMost2HoldsTheSharedPrimitive() {
        // at 0.2 of the tutorial's timing the tasks hold the primitive long enough for several workers
        // to be up and competing for it, so the limit is reached, not just respected
        DemoRun run = DemoRun.of("semaphore-initializer-fix", "--time-scale", "0.2");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("", run.stderr());
        FixDemoChecks.everyTaskCompletedOnce(run.lines(), 10);
        FixDemoChecks.mostHoldersAtOnce(run, "Semaphore", 2);
        run.assertAsDocumented();
    }
}
