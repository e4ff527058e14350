package org.mpdemo.demos.semaphore;

import org.junit.jupiter.api.Test;
import org.mpdemo.demos.DemoRun;
import org.mpdemo.demos.ManagerDemoChecks;

class SemaphoreManagerFixTest {

    /**
     * At time scale 0.2 the ten tasks need about a second of semaphore time: however unevenly the four worker
     * JVMs start on a busy machine, a second worker joins while the first still has tasks, so two holders at
     * once is reached, not just allowed. (At 0.01 the first worker to start can finish all ten alone.)
     */
    @Test
    void tenTasksCompleteAndExactlyTwoAtATimeHoldTheSemaphore() {
        DemoRun run = DemoRun.of("semaphore-manager-fix", "--time-scale", "0.2");
        ManagerDemoChecks.succeededQuietly(run);
        ManagerDemoChecks.eachIdOnce(run.lines(), ManagerDemoChecks.COMPLETED, 10);
        ManagerDemoChecks.heldAtMost(run, "Semaphore", 2);
        run.assertAsDocumented();
    }

    @Test
    void printsTheTutorialsLinesAtTheDefaultTestScale() {
        DemoRun run = DemoRun.of("semaphore-manager-fix");
        ManagerDemoChecks.succeededQuietly(run);
        ManagerDemoChecks.eachIdOnce(run.lines(), ManagerDemoChecks.COMPLETED, 10);
        ManagerDemoChecks.heldAtMostNeverMore(run, "Semaphore", 2);
    }
}
