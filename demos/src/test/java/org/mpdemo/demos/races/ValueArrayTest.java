package org.mpdemo.demos.races;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mpdemo.demos.Asserting;
import org.mpdemo.demos.DemoRun;

/**
 * Beyond the documented runs of the Value and Array demos (the race in reliable mode, the lock at the tutorial's
 * timing): the tutorial's own racing program, and twenty runs with the lock, some racing hard.
 */
class ValueArrayTest {
    private static final Pattern END_VALUE = Pattern.compile("Value at end: (\\d+)");

    /** The two end lines, after the one definition of the programs' five lines. */
    static List<String> endLines(DemoRun run) {
        return Asserting.that(() -> RacesExpectations.valueArrayShape(run.observation()));
    }

    @Test
    void theTutorialsProgramPrintsItsFiveLines() {
        List<String> end = endLines(DemoRun.of("value-array-race"));
        Matcher m = END_VALUE.matcher(end.get(0));
        assertTrue(m.matches());
        assertTrue(Integer.parseInt(m.group(1)) <= 200, "updates can be lost, never invented");
    }

    @Test
    void withALockTwentyRunsAreAllExact() {
        for (int run = 0; run < 20; run++) {
            // mostly the tutorial's timing (scaled); every fifth run the reliable, racing-hard mode
            boolean hard = run % 5 == 4;
            DemoRun result = hard ? DemoRun.of("value-array-lock", "--reliable") : DemoRun.of("value-array-lock");
            List<String> end = endLines(result);
            if (!hard) {
                assertEquals("Value at end: 200", end.get(0));
                assertEquals("Array at end: [200.0, 300.0, 400.0]", end.get(1));
                result.assertAsDocumented();
            } else {
                assertEquals("Value at end: 20000", end.get(0));
                assertEquals("Array at end: [20000.0, 20100.0, 20200.0]", end.get(1));
            }
        }
    }
}
