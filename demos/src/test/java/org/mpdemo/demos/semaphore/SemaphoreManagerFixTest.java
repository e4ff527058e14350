package org.mpdemo.demos.semaphore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mpdemo.classroom.Checks;
import org.mpdemo.demos.Asserting;
import org.mpdemo.demos.DemoRun;

/**
 * Beyond its documented run (at Expectations.OVERLAP_SCALE, where two holders at once is reached): at the tests' default
 * scale the first worker to start may finish all ten tasks alone, and the lines are still the tutorial's.
 */
class SemaphoreManagerFixTest {

    @Test
    void printsTheTutorialsLinesAtTheDefaultTestScale() {
        DemoRun run = DemoRun.of("semaphore-manager-fix");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("", run.stderr());
        Asserting.that(() -> Checks.eachIdOnce(run.lines(), Checks.COMPLETED, 10));
        // at most two holders at once, without requiring that two were ever reached
        List<String> objects = run.trace().objects("Semaphore");
        assertEquals(1, objects.size(), "Semaphore objects in the trace: " + objects);
        int most = run.trace().maxHolders(objects.get(0));
        assertTrue(most >= 1 && most <= 2, "most holders at once: " + most);
    }
}
