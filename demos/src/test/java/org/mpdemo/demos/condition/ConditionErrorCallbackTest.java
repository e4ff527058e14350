package org.mpdemo.demos.condition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mpdemo.demos.DemoRun;
import org.mpdemo.demos.FailureDemoChecksAccess;

class ConditionErrorCallbackTest {

    @Test
    void printsTheErrorThenBeginAndDone() {
        DemoRun run = DemoRun.of("condition-error-callback");
        assertEquals(List.of("Condition objects should only be shared between processes through inheritance",
                "Tasks begin.", "Tasks done."), run.lines());
        assertEquals("", run.stderr());
        assertEquals(0, run.exitCode());
        FailureDemoChecksAccess.everyTaskFailedInTheParent(run, 4, "Condition");
        FailureDemoChecksAccess.errorCallbackFiredOnce(run);
        run.assertAsDocumented();
    }
}
