package org.mpdemo.multiprocessing.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mpdemo.multiprocessing.Args.args;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mpdemo.multiprocessing.errors.RemoteTraceback;
import org.mpdemo.multiprocessing.errors.SharingError;
import org.mpdemo.multiprocessing.errors.TimeoutError;
import org.mpdemo.multiprocessing.internal.reduction.Reduction;
import org.mpdemo.multiprocessing.shared.Lock;

@Timeout(60)
class PoolTest {
    static Pool pool;

    @BeforeAll
    static void start() {
        pool = new Pool(2);
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    static int square(int x) {
        return x * x;
    }

    static long pid() {
        return ProcessHandle.current().pid();
    }

    static int fail(int x) throws IOException {
        throw new IOException("boom " + x);
    }

    static int failSome(int x) {
        if (x % 3 == 1) throw new IllegalArgumentException("bad " + x);
        return x;
    }

    static String describe(String s, int n) {
        return s.repeat(n);
    }

    static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().collect(Collectors.toList());
    }

    @Test
    void mapReturnsResultsInOrder() {
        assertEquals(List.of(0, 1, 4, 9, 16, 25, 36, 49, 64, 81), pool.map(PoolTest::square, range(10)));
        assertEquals(List.of(), pool.map(PoolTest::square, List.of()));
        List<Integer> big = pool.map(PoolTest::square, range(10_000), 7);
        for (int i = 0; i < big.size(); i++) assertEquals(i * i, big.get(i));
    }

    /**
     * The first worker starts alone, and the others only once it has answered its first task: a first result
     * does not wait for JVMs starting beside it on the same CPUs. Then all of them start.
     */
    @Test
    void theFirstWorkerStartsAloneThenTheOthers() throws Exception {
        try (Pool four = new Pool(4)) {
            AsyncResult<Integer> first = four.applyAsync(PoolTest::square, 3); // long before the worker is ready
            assertEquals(1, four.workerPids().size(), "workers starting before the first one is ready");
            assertEquals(9, first.get(30, TimeUnit.SECONDS));
            assertTrue(four.awaitWorkers(4, 30, TimeUnit.SECONDS), "the other three start after the first result");
            assertEquals(4, four.workerPids().size());
            assertEquals(List.of(0, 1, 4, 9, 16, 25, 36, 49), four.map(PoolTest::square, range(8), 1));
        }
    }

    @Test
    void tasksRunInOtherProcesses() {
        long worker = pool.apply(PoolTest::pid);
        assertNotEquals(ProcessHandle.current().pid(), worker);
        assertTrue(pool.workerPids().contains(worker));
    }

    @Test
    void starmapAndApplyWithSeveralArguments() {
        assertEquals(List.of("", "a", "bb"), pool.starmap(PoolTest::describe,
                List.of(args("x", 0), args("a", 1), args("b", 2))));
        assertEquals("zzz", pool.apply(PoolTest::describe, "z", 3));
    }

    @Test
    void taskExceptionIsReRaisedWithItsTypeAndRemoteTraceback() {
        AsyncResult<Integer> result = pool.applyAsync(PoolTest::fail, 1);
        IOException e = assertThrows(IOException.class, result::get);
        assertEquals("boom 1", e.getMessage());
        assertInstanceOf(RemoteTraceback.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("PoolTest.fail"), e.getCause().getMessage());
        assertTrue(result.ready());
        assertFalse(result.successful());
    }

    @Test
    void mapKeepsFirstErrorAndCallsErrorCallbackOnceAfterAllChunks() {
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        AtomicInteger successes = new AtomicInteger();
        var result = pool.mapAsync(PoolTest::failSome, range(10),
                Pool.<List<Integer>>callback(v -> successes.incrementAndGet()).errorCallback(errors::add));
        assertThrows(IllegalArgumentException.class, result::get);
        assertEquals(1, errors.size());
        assertEquals(0, successes.get());
    }

    @Test
    void callbackRunsOnceBeforeGetReturns() {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        var result = pool.applyAsync(PoolTest::square, 7, Pool.callback(seen::add));
        assertEquals(49, result.get());
        assertEquals(List.of(49), seen);
    }

    @Test
    void throwingCallbackDoesNotWedgeThePool() {
        var result = pool.applyAsync(PoolTest::square, 3, Pool.callback(v -> {
            throw new IllegalStateException("callback bug");
        }));
        assertEquals(9, result.get());
        assertEquals(16, pool.apply(PoolTest::square, 4));
    }

    @Test
    void primitiveInTaskArgumentsFailsInTheParent() {
        Lock lock = new Lock();
        var result = pool.applyAsync(PoolTest::describe2, 1, lock);
        SharingError e = assertThrows(SharingError.class, result::get);
        assertEquals("Lock objects should only be shared between processes through inheritance", e.getMessage());
        boolean serializedHere = false;
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().equals(Reduction.class.getName())) serializedHere = true;
        }
        assertTrue(serializedHere, "raised while serializing in the parent");
    }

    static String describe2(int i, Lock lock) {
        return "never runs";
    }

    @Test
    void imapOrderedAndUnordered() {
        List<Integer> ordered = new ArrayList<>();
        for (int v : pool.imap(PoolTest::square, range(100), 3)) ordered.add(v);
        assertEquals(pool.map(PoolTest::square, range(100)), ordered);
        Set<Integer> unordered = new TreeSet<>();
        for (int v : pool.imapUnordered(PoolTest::square, range(100), 5)) unordered.add(v);
        assertEquals(new TreeSet<>(ordered), unordered);
    }

    @Test
    void getWithTimeoutAndSuccessfulBeforeReady() {
        var result = pool.applyAsync(PoolTest::sleepy, 2000);
        assertFalse(result.ready());
        assertThrows(IllegalStateException.class, result::successful);
        assertThrows(TimeoutError.class, () -> result.get(50, TimeUnit.MILLISECONDS));
        assertFalse(result.await(10, TimeUnit.MILLISECONDS));
    }

    static int sleepy(int millis) throws InterruptedException {
        // stands for work that takes this long; nothing ever counts the latch down
        new java.util.concurrent.CountDownLatch(1).await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
        return millis;
    }

    @Test
    void argumentChecks() {
        assertThrows(IllegalArgumentException.class, () -> new Pool(0));
        assertThrows(IllegalArgumentException.class, () -> Pool.builder().maxtasksperchild(0));
        assertThrows(IllegalArgumentException.class, () -> pool.imap(PoolTest::square, range(3), 0));
    }
}
