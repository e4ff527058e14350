package org.mpdemo.demos.condition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mpdemo.demos.DemoRun;
import org.mpdemo.demos.FailureDemoChecksAccess;

class ConditionSilentFailureTest {

    @Test
    void printsOnlyBeginAndDone() {
        DemoRun run = DemoRun.of("condition-silent-failure");
        assertEquals(List.of("Tasks begin.", "Tasks done."), run.lines());
        assertEquals("", run.stderr());
        assertEquals(0, run.exitCode());
        FailureDemoChecksAccess.everyTaskFailedInTheParent(run, 4, "Condition");
        assertTrue(run.trace().named("wait").isEmpty(), "no task ever waited");
        run.assertAsDocumented();
    }
}
