package org.mpdemo.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mpdemo.multiprocessing.pool.Pool;

/** spawn hands a child only what its classes' initializers make; emulated fork copies the starter's statics. */
@Timeout(60)
class StartMethodTest {
    // the "globals" of this test class, as a Python program's module globals
    static int counter;
    static String label = "initial";
    static final String CONSTANT = "constant";

    @AfterEach
    void reset() {
        counter = 0;
        label = "initial";
    }

    static String globals() {
        return counter + " " + label + " " + CONSTANT;
    }

    static String workerName() {
        return Multiprocessing.currentProcess().name();
    }

    @Test
    void spawnChildrenSeeOnlyInitializers() {
        counter = 42;
        label = "set in main";
        try (Pool pool = Pool.builder().context(Multiprocessing.getContext("spawn")).processes(1).build()) {
            assertEquals("0 initial constant", pool.apply(StartMethodTest::globals));
            assertTrue(pool.apply(StartMethodTest::workerName).startsWith("SpawnPoolWorker-"));
        }
    }

    @Test
    void forkChildrenSeeTheParentsStaticsAsTheyWereAtStart() {
        counter = 42;
        label = "set in main";
        try (Pool pool = Pool.builder().context(Multiprocessing.getContext("fork")).processes(1).build()) {
            assertEquals("42 set in main constant", pool.apply(StartMethodTest::globals));
            // assigned after the worker started: a forked child would not see it either
            counter = 7;
            assertEquals("42 set in main constant", pool.apply(StartMethodTest::globals));
            assertTrue(pool.apply(StartMethodTest::workerName).startsWith("ForkPoolWorker-"));
        }
    }

    @Test
    void unknownStartMethodIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Multiprocessing.getContext("forkserver2"));
        assertEquals("cannot find context for 'forkserver2'", e.getMessage());
        assertEquals(List.of("spawn", "fork"), List.of(Context.SPAWN, Context.FORK));
    }

    static void printGlobals() {
        System.out.println(globals());
    }

    @Test
    void processesHonourTheirContextToo() {
        counter = 5;
        Process spawned = Multiprocessing.getContext("spawn").process(StartMethodTest::exitWithCounter).start();
        Process forked = Multiprocessing.getContext("fork").process(StartMethodTest::exitWithCounter).start();
        spawned.join();
        forked.join();
        assertEquals(0, spawned.exitCode());
        assertEquals(5, forked.exitCode());
        assertNull(new Process(StartMethodTest::printGlobals).exitCode());
    }

    static void exitWithCounter() {
        System.exit(counter);
    }
}
