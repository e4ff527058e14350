package org.mpdemo.demos.condition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.mpdemo.demos.DemoRun;
import org.mpdemo.demos.FixDemoChecks;

class ConditionInitializerFixTest {

    @Test
    void tasksWaitThenCompleteOneAtATime() {
        DemoRun run = DemoRun.of("condition-initializer-fix");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("", run.stderr());
        FixDemoChecks.conditionTasksWaitThenCompleteOneAtATime(run, 4);
        run.assertAsDocumented();
    }
}
