package org.mpdemo.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Child flags: a collector chosen with {@code -Dmpdemo.child.jvmArgs} replaces the runtime's own. */
class SpawnerTest {
    @Test
    void aChosenCollectorReplacesTheRuntimes() {
        assertEquals(Spawner.CHILD_FLAGS, Spawner.commonFlags(List.of("-Xss1m")));
        List<String> flags = Spawner.commonFlags(List.of("-XX:+UseParallelGC"));
        assertEquals(Spawner.CHILD_FLAGS.size() - 1, flags.size());
        assertTrue(flags.stream().noneMatch(f -> f.startsWith("-XX:+Use") && f.endsWith("GC")), flags.toString());
        List<String> keyed = Spawner.archiveFlags(List.of("-XX:+UseParallelGC"));
        assertEquals(flags, keyed.subList(0, flags.size()));
        assertEquals(List.of("-XX:+UseParallelGC"), keyed.subList(flags.size(), keyed.size()));
    }
}
