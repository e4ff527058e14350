package org.mpdemo.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Child flags: one collector per child, Serial for pool workers. */
@org.junit.jupiter.api.Timeout(60)
class SpawnerTest {
    static String gcOfThisProcess() {
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc.getName().startsWith("G1")) return "G1";
        }
        return "other";
    }

    @Test
    void theCollectorIsChosenOnce() {
        assertFalse(Spawner.choosesGc(Spawner.CHILD_FLAGS));
        assertTrue(Spawner.choosesGc(Spawner.WORKER_FLAGS));
        assertTrue(Spawner.choosesGc(List.of("-Xss1m", "-XX:+UseParallelGC")));
        assertEquals(List.of("-XX:+UseParallelGC"), Spawner.archiveFlags(List.of("-XX:+UseParallelGC"))
                .subList(Spawner.CHILD_FLAGS.size(), Spawner.CHILD_FLAGS.size() + 1));
    }

    @Test
    void poolWorkersUseSerialWhateverTheJdk() {
        try (Pool pool = new Pool(1)) {
            assertEquals("other", pool.apply(SpawnerTest::gcOfThisProcess));
        }
    }
}
