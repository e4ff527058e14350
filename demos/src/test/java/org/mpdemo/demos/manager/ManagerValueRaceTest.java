package org.mpdemo.demos.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mpdemo.demos.DemoRun;
import org.mpdemo.demos.ManagerDemoChecks;

class ManagerValueRaceTest {

    @Test
    void unlockedIncrementsAreLostAndTheLockedRunCountsThemAll() {
        DemoRun run = DemoRun.of("manager-value-race");
        ManagerDemoChecks.succeededQuietly(run);
        List<String> lines = run.lines();
        assertEquals(2, lines.size(), run.stdout());
        Matcher racy = Pattern.compile("Expected 4000, got (\\d+)").matcher(lines.get(0));
        assertTrue(racy.matches(), lines.get(0));
        int got = Integer.parseInt(racy.group(1));
        assertTrue(got < 4000 && got >= 1000, "lost updates without the lock: " + got);
        assertEquals("Expected 4000, got 4000", lines.get(1));
        // the lock was the value's, in the manager, held by one task at a time
        ManagerDemoChecks.heldAtMost(run, "RLock", 1);
        run.assertAsDocumented();
    }
}
