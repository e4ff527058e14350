package org.mpdemo.demos.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mpdemo.demos.DemoRun;
import org.mpdemo.demos.TraceLog;

class InheritedGlobalSpawnTest {

    @Test
    void silentLikeCPythonUnderSpawnBecauseTheGlobalIsMissingInTheWorkers() {
        DemoRun run = DemoRun.of("inherited-global-spawn");
        assertEquals("", run.stdout());
        assertEquals("", run.stderr());
        assertEquals(0, run.exitCode());
        // unlike the argument failures, these tasks did run — in the workers, where the global is null
        assertEquals(10, run.trace().named("task-start").size());
        List<TraceLog.Event> errors = run.trace().named("error");
        assertEquals(10, errors.size());
        long main = run.trace().named("pool-start").get(0).pid();
        for (TraceLog.Event e : errors) {
            assertEquals("NullPointerException", e.get("type"));
            assertEquals(true, e.get("message").contains("\"org.mpdemo.demos.lock.InheritedGlobalSpawn.lock\" is null"),
                    e.get("message"));
            assertEquals(true, e.get("where").startsWith("worker "), e.get("where"));
            assertNotEquals(main, Long.parseLong(e.get("where").substring("worker ".length())));
        }
        run.assertAsDocumented();
    }
}
