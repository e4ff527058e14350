package org.mpdemo.demos.condition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mpdemo.demos.DemoRun;
import org.mpdemo.demos.FailureDemoChecksAccess;

class ConditionSyncReraiseTest {

    @Test
    void printsBeginThenReRaisesAndExitsOne() {
        DemoRun run = DemoRun.of("condition-sync-reraise");
        assertEquals(List.of("Tasks begin."), run.lines());
        assertEquals(1, run.exitCode());
        FailureDemoChecksAccess.endsWithTheError(run, "Condition");
        FailureDemoChecksAccess.everyTaskFailedInTheParent(run, 4, "Condition");
        run.assertAsDocumented();
    }
}
