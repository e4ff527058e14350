package org.mpdemo.multiprocessing.internal.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mpdemo.multiprocessing.pool.Pool;

/** Child flags: one collector per child; Serial and the task path compiled early for pool workers after the first. */
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

    static String pidAndGc() {
        return ProcessHandle.current().pid() + " " + gcOfThisProcess();
    }

    @Test
    void theFirstWorkerStartsFastestAndTheOthersUseSerial() {
        // one task per worker: the second task runs in the first worker's replacement
        try (Pool pool = Pool.builder().processes(1).maxtasksperchild(1).build()) {
            String first = pool.apply(SpawnerTest::pidAndGc);
            String second = pool.apply(SpawnerTest::pidAndGc);
            assertFalse(first.split(" ")[0].equals(second.split(" ")[0]), "a new worker: " + first + ", " + second);
            assertEquals(Spawner.START_GC.equals("-XX:+UseG1GC") ? "G1" : "other", first.split(" ")[1]);
            assertEquals("other", second.split(" ")[1], "Serial after the first");
        }
    }

    static List<String> jvmArguments() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
    }

    @Test
    void workersButTheFirstCompileTheirTaskPathEarly() {
        String runtime = Spawner.earlyCompile("org/mpdemo/multiprocessing/*.*", Spawner.EARLIER);
        String sockets = Spawner.earlyCompile("sun/nio/ch/*.*", Spawner.EARLIER);
        try (Pool pool = Pool.builder().processes(1).maxtasksperchild(1).build()) {
            List<String> first = pool.apply(SpawnerTest::jvmArguments);
            assertFalse(first.contains(runtime), first.toString()); // on the way to the first result: kept lean
            assertTrue(first.containsAll(Spawner.HOT_PATHS), first.toString());
            List<String> replacement = pool.apply(SpawnerTest::jvmArguments);
            assertTrue(replacement.contains(runtime) && replacement.contains(sockets), replacement.toString());
            // quiet first: HotSpot would print every later command on the worker's stdout, its channel
            assertTrue(replacement.indexOf(Spawner.QUIET_COMMANDS) < replacement.indexOf(runtime));
        }
    }

    static String socketProvider() throws java.io.IOException {
        java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX).close();
        return java.nio.channels.spi.SelectorProvider.provider().getClass().getName();
    }

    @Test
    void childrenAreToldTheSocketProviderTheJdkWouldPick() throws Exception {
        String here = socketProvider();
        if (!Spawner.SOCKET_PROVIDER.isEmpty()) {
            assertEquals(List.of("-Djava.nio.channels.spi.SelectorProvider=" + here), Spawner.SOCKET_PROVIDER);
        }
        try (Pool pool = new Pool(1)) {
            assertEquals(here, pool.apply(SpawnerTest::socketProvider));
        }
    }
}
