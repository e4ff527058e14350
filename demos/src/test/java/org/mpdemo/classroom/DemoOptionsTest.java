package org.mpdemo.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mpdemo.demos.DemoCatalog;

/** The settings a demo takes, read off its program. */
class DemoOptionsTest {
    static List<String> takenBy(String id) {
        return DemoOptions.takenBy(DemoCatalog.find(id).orElseThrow());
    }

    @Test
    void eachDemoTakesTheSettingsItsProgramReads() {
        assertEquals(List.of("--workers", "--tasks", "--seed", "--time-scale"), takenBy("lock-sync-reraise"));
        assertEquals(List.of("--workers", "--tasks", "--ops"), takenBy("manager-value-race"));
        assertEquals(List.of("--time-scale", "--ops", "--reliable"), takenBy("value-array-race"));
        assertEquals(List.of("--ops"), takenBy("bank-race"));
        // Pool() and a fixed list, as the tutorial has them
        assertEquals(List.of(), takenBy("pool-pids"));
    }
}
