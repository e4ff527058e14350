package org.mpdemo.demos.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mpdemo.demos.DemoRun;
import org.mpdemo.demos.FailureDemoChecksAccess;

class LockErrorCallbackTest {

    @Test
    void printsCPythonsMessageOnceAndExitsZero() {
        DemoRun run = DemoRun.of("lock-error-callback");
        assertEquals(List.of("Lock objects should only be shared between processes through inheritance"), run.lines());
        assertEquals("", run.stderr());
        assertEquals(0, run.exitCode());
        FailureDemoChecksAccess.everyTaskFailedInTheParent(run, 10, "Lock");
        FailureDemoChecksAccess.errorCallbackFiredOnce(run);
        FailureDemoChecksAccess.overWithinASecondOfTheFailure(run);
        run.assertAsDocumented();
    }
}
