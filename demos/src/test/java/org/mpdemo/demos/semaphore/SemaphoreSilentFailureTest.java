package org.mpdemo.demos.semaphore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mpdemo.demos.DemoRun;
import org.mpdemo.demos.FailureDemoChecksAccess;

class SemaphoreSilentFailureTest {

    @Test
    void printsNothingExitsZeroAndEndsAlmostAtOnce() {
        DemoRun run = DemoRun.of("semaphore-silent-failure");
        assertEquals("", run.stdout());
        assertEquals("", run.stderr());
        assertEquals(0, run.exitCode());
        FailureDemoChecksAccess.everyTaskFailedInTheParent(run, 10, "Semaphore");
        FailureDemoChecksAccess.overWithinASecondOfTheFailure(run);
        assertTrue(run.trace().named("error-callback").isEmpty(), "no error callback was given");
        run.assertAsDocumented();
    }
}
