package org.mpdemo.demos.condition;

import org.junit.jupiter.api.Test;
import org.mpdemo.demos.DemoRun;

/** Beyond its documented run: the manager's Condition loses no wake-up even with no pause at all. */
class ConditionManagerFixTest {

    /** CPython's program hangs when the pause is 1 ms or less; this one must not, even with no pause at all. */
    @Test
    void noLostWakeUpWithoutAnyPause() {
        DemoRun.of("condition-manager-fix", "--time-scale", "1e-9").assertAsDocumented();
    }
}
