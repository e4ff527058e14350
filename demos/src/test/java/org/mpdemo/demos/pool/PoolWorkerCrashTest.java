package org.mpdemo.demos.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mpdemo.demos.DemoRun;
import org.mpdemo.demos.TraceLog;

class PoolWorkerCrashTest {

    @Test
    void mapFailsClearlyAndThePoolServesOn() {
        DemoRun run = DemoRun.of("pool-worker-crash");
        assertEquals(0, run.exitCode(), run.stderr());
        List<String> lines = run.lines();
        assertEquals(3, lines.size(), run.stdout());
        assertEquals("Task 3 ends its worker process.", lines.get(0));
        // the pid is the worker that died: the one that started task 3 of the first map
        TraceLog.Event task3 = run.trace().named("task-start").stream()
                .filter(e -> e.get("job").equals("1") && e.get("task").equals("3")).findFirst().orElseThrow();
        assertTrue(lines.get(1).matches("map raised WorkerDiedError: worker process " + task3.pid()
                + " \\(SpawnPoolWorker-\\d+\\) died while running task 3 of map: exit status 1"), lines.get(1));
        assertEquals("The pool still serves: [0, 1, 4, 9, 16, 25, 36, 49]", lines.get(2));
        // every other task of the first map did run
        long others = run.trace().named("task-end").stream().filter(e -> e.get("job").equals("1")).count();
        assertEquals(7, others);
        run.assertAsDocumented();
    }
}
