package org.mpdemo.demos.semaphore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mpdemo.demos.DemoRun;
import org.mpdemo.demos.FailureDemoChecksAccess;

class SemaphoreErrorCallbackTest {

    @Test
    void printsCPythonsMessageOnceAndExitsZero() {
        DemoRun run = DemoRun.of("semaphore-error-callback");
        assertEquals(List.of("Semaphore objects should only be shared between processes through inheritance"), run.lines());
        assertEquals("", run.stderr());
        assertEquals(0, run.exitCode());
        FailureDemoChecksAccess.everyTaskFailedInTheParent(run, 10, "Semaphore");
        FailureDemoChecksAccess.errorCallbackFiredOnce(run);
        FailureDemoChecksAccess.overWithinASecondOfTheFailure(run);
        run.assertAsDocumented();
    }
}
