package org.mpdemo.demos.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mpdemo.demos.DemoRun;
import org.mpdemo.demos.FailureDemoChecksAccess;

class LockSilentFailureTest {

    @Test
    void printsNothingExitsZeroAndEndsAlmostAtOnce() {
        DemoRun run = DemoRun.of("lock-silent-failure");
        assertEquals("", run.stdout());
        assertEquals("", run.stderr());
        assertEquals(0, run.exitCode());
        FailureDemoChecksAccess.everyTaskFailedInTheParent(run, 10, "Lock");
        FailureDemoChecksAccess.overWithinASecondOfTheFailure(run);
        assertTrue(run.trace().named("error-callback").isEmpty(), "no error callback was given");
        run.assertAsDocumented();
    }
}
