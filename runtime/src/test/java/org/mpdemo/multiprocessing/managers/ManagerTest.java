package org.mpdemo.multiprocessing.managers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mpdemo.multiprocessing.Args;
import org.mpdemo.multiprocessing.Process;
import org.mpdemo.multiprocessing.errors.AuthenticationError;
import org.mpdemo.multiprocessing.internal.reduction.Reduction;
import org.mpdemo.multiprocessing.internal.wire.AuthKey;
import org.mpdemo.multiprocessing.internal.wire.ManagerProtocol;
import org.mpdemo.multiprocessing.pool.Pool;

/** What a manager's proxies do: CPython's referent semantics, errors that come back as themselves, travel. */
@Timeout(60)
class ManagerTest {
    static Manager manager;
    /** Threads for callers that block: the common pool may have a single thread on a small machine. */
    static ExecutorService threads;

    @BeforeAll
    static void start() {
        manager = new Manager();
        threads = Executors.newCachedThreadPool();
    }

    @AfterAll
    static void stop() {
        threads.shutdownNow();
        manager.close();
    }

    static <T> CompletableFuture<T> onAnotherThread(Supplier<T> body) {
        return CompletableFuture.supplyAsync(body, threads);
    }

    @Test
    void lockRefusesToReleaseWhenUnlockedWithThreadingsMessage() {
        LockProxy lock = manager.lock();
        assertTrue(lock.acquire());
        assertFalse(lock.acquire(false), "a Lock is not re-entrant");
        assertFalse(lock.acquire(true, 0.01), "timed out");
        lock.release();
        IllegalStateException e = assertThrows(IllegalStateException.class, lock::release);
        assertEquals("release unlocked lock", e.getMessage());
        assertTrue(e.getStackTrace()[0].getClassName().startsWith(ManagerProxy.class.getName())
                || Arrays.stream(e.getStackTrace()).anyMatch(f -> f.getClassName().equals(ManagerTest.class.getName())),
                "the caller's stack, not the manager's");
        assertEquals("Lock", lock.typeid());
        assertEquals("lock-" + manager.pid() + "-" + lock.id, lock.name());
    }

    @Test
    void rLockBelongsToTheThreadThatAcquiredIt() throws Exception {
        LockProxy rlock = manager.rLock();
        rlock.acquire();
        rlock.acquire();
        IllegalStateException e = onAnotherThread(
                () -> assertThrows(IllegalStateException.class, rlock::release)).get(10, TimeUnit.SECONDS);
        assertEquals("cannot release un-acquired lock", e.getMessage());
        assertFalse(onAnotherThread(() -> rlock.acquire(false)).get(10, TimeUnit.SECONDS));
        rlock.release();
        rlock.release();
        assertTrue(onAnotherThread(() -> {
            boolean got = rlock.acquire(false);
            rlock.release();
            return got;
        }).get(10, TimeUnit.SECONDS));
    }

    @Test
    void semaphoresCountAndABoundedOneRefusesAnExtraRelease() {
        SemaphoreProxy semaphore = manager.semaphore(2);
        assertEquals(2, semaphore.getValue());
        try (var a = semaphore.hold(); var b = semaphore.hold()) {
            assertEquals(0, semaphore.getValue());
            assertFalse(semaphore.acquire(true, 0.01));
        }
        semaphore.release(); // an unbounded semaphore may go above its start
        assertEquals(3, semaphore.getValue());
        SemaphoreProxy bounded = manager.boundedSemaphore(1);
        IllegalStateException e = assertThrows(IllegalStateException.class, bounded::release);
        assertEquals("Semaphore released too many times", e.getMessage());
        assertEquals("BoundedSemaphore", bounded.typeid());
    }

    @Test
    void factoriesRefuseBadInputAtOnceWithCPythonsMessages() {
        assertEquals("semaphore initial value must be >= 0",
                assertThrows(IllegalArgumentException.class, () -> manager.semaphore(-1)).getMessage());
        assertEquals("semaphore initial value must be >= 0",
                assertThrows(IllegalArgumentException.class, () -> manager.boundedSemaphore(-1)).getMessage());
        String badTypecode = "bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)";
        assertEquals(badTypecode, assertThrows(IllegalArgumentException.class, () -> manager.value("x", 1)).getMessage());
        assertEquals(badTypecode,
                assertThrows(IllegalArgumentException.class, () -> manager.array("x", List.of(1))).getMessage());
        assertEquals("typecode 'i' holds Integer values, not Double",
                assertThrows(IllegalArgumentException.class, () -> manager.array("i", List.of(1.5))).getMessage());
        assertEquals("value 300 out of range for typecode 'b'",
                assertThrows(IllegalArgumentException.class, () -> manager.value("b", 300)).getMessage());
        assertEquals("parties must be >= 1",
                assertThrows(IllegalArgumentException.class, () -> manager.barrier(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Manager.builder().authkey(new byte[4]));
    }

    @Test
    void conditionWaitsAndNotifiesAcrossThreadsAndRefusesWithoutTheLock() throws Exception {
        ConditionProxy condition = manager.condition();
        assertEquals("cannot wait on un-acquired lock",
                assertThrows(IllegalStateException.class, condition::await).getMessage());
        assertEquals("cannot notify on un-acquired lock",
                assertThrows(IllegalStateException.class, condition::signal).getMessage());
        List<CompletableFuture<Boolean>> waiters = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            waiters.add(onAnotherThread(() -> {
                try (var held = condition.hold()) {
                    return condition.await(30);
                }
            }));
        }
        assertTrue(condition.awaitWaiters(3, 30));
        assertEquals(3, condition.waiters());
        try (var held = condition.hold()) {
            assertEquals(1, condition.signal());
            assertEquals(2, condition.signalAll());
            assertEquals(0, condition.signalAll(), "a notification with nobody waiting is lost");
        }
        for (var w : waiters) assertTrue(w.get(30, TimeUnit.SECONDS));
        try (var held = condition.hold()) {
            assertFalse(condition.await(0.01), "timed out");
        }
        assertEquals(0, condition.waiters());
        assertFalse(condition.awaitWaiters(1, 0.01));
        assertEquals("RLock", condition.getLock().typeid());
    }

    @Test
    void waitForEvaluatesItsPredicateInTheCallerWithTheLockHeld() throws Exception {
        ConditionProxy condition = manager.condition();
        ValueProxy<Integer> ready = manager.value("i", 0);
        var waiter = onAnotherThread(() -> {
            try (var held = condition.hold()) {
                return condition.waitFor(() -> ready.get() == 3, 30);
            }
        });
        for (int i = 1; i <= 3; i++) {
            assertTrue(condition.awaitWaiters(1, 30));
            try (var held = condition.hold()) {
                ready.set(i);
                condition.signalAll();
            }
        }
        assertTrue(waiter.get(30, TimeUnit.SECONDS));
    }

    @Test
    void eventBarrierAndQueue() throws Exception {
        EventProxy event = manager.event();
        assertFalse(event.isSet());
        assertFalse(event.await(0.01));
        var waiter = onAnotherThread(() -> event.await(30));
        event.set();
        assertTrue(waiter.get(30, TimeUnit.SECONDS));
        assertTrue(event.await(), "a flag set before waiting is not lost");
        event.clear();
        assertFalse(event.isSet());

        BarrierProxy barrier = manager.barrier(2);
        assertEquals(2, barrier.parties());
        var other = onAnotherThread(() -> {
            try {
                return barrier.await(30);
            } catch (BrokenBarrierException e) {
                return -1;
            }
        });
        int mine = barrier.await(30);
        assertEquals(List.of(0, 1), new ArrayList<>(List.of(mine, other.get(30, TimeUnit.SECONDS))).stream().sorted().toList());
        assertThrows(BrokenBarrierException.class, () -> barrier.await(0.01), "a timeout breaks the barrier");
        assertTrue(barrier.isBroken());
        barrier.reset();
        assertFalse(barrier.isBroken());
        barrier.abort();
        assertThrows(BrokenBarrierException.class, () -> barrier.await(30), "aborted until reset");

        QueueProxy<Object> queue = manager.queue();
        assertTrue(queue.empty());
        queue.put("one");
        queue.put(List.of(2, 3));
        assertEquals(2, queue.qsize());
        assertEquals("one", queue.get());
        assertEquals(List.of(2, 3), queue.getNowait());
        assertEquals("queue is empty", assertThrows(NoSuchElementException.class, queue::getNowait).getMessage());
        assertThrows(NoSuchElementException.class, () -> queue.get(true, 0.01));
    }

    @Test
    void valueArrayDictListNamespace() {
        ValueProxy<Double> value = manager.value("d", 1.5);
        value.set(value.get() * 2);
        assertEquals(3.0, value.get());
        ValueProxy<Integer> number = manager.value("i", 1);
        @SuppressWarnings({"unchecked", "rawtypes"})
        ValueProxy<Object> raw = (ValueProxy) number;
        assertEquals("typecode 'i' holds Integer values, not String",
                assertThrows(IllegalArgumentException.class, () -> raw.set("text")).getMessage(),
                "the manager checks the typecode too");

        ArrayProxy<Integer> array = manager.array("i", List.of(1, 2, 3));
        array.set(0, 10);
        assertEquals(3, array.get(-1));
        assertEquals(List.of(10, 2, 3), array.toList());
        assertEquals(3, array.length());
        assertThrows(IndexOutOfBoundsException.class, () -> array.get(3));

        DictProxy<String, Object> dict = manager.dict();
        assertNull(dict.put("a", 1));
        dict.put("b", List.of("x"));
        assertEquals(1, dict.put("a", 2));
        assertEquals(Map.of("a", 2, "b", List.of("x")), dict.toMap());
        assertEquals(List.of("a", "b"), dict.keys());
        assertTrue(dict.containsKey("b"));
        assertNull(dict.get("missing"));
        assertEquals(2, dict.size());

        ListProxy<Integer> list = manager.list();
        list.add(1);
        list.addAll(List.of(2, 3));
        assertEquals(3, list.remove(-1));
        assertEquals(List.of(1, 2), list.toList());
        assertEquals("list index out of range",
                assertThrows(IndexOutOfBoundsException.class, () -> list.get(5)).getMessage());

        NamespaceProxy ns = manager.namespace();
        ns.set("x", 42);
        assertEquals(Integer.valueOf(42), ns.get("x"));
        ns.delete("x");
        assertEquals("'Namespace' object has no attribute 'x'",
                assertThrows(NoSuchElementException.class, () -> ns.get("x")).getMessage());
    }

    // ---- proxies travel ---------------------------------------------------------------------------------

    static int square(DictProxy<Integer, Integer> squares, int i) {
        squares.put(i, i * i);
        return i;
    }

    static LockProxy sameProxy(LockProxy lock) {
        lock.acquire();
        lock.release();
        return lock;
    }

    static String useQueuedLock(QueueProxy<LockProxy> queue) {
        LockProxy lock = queue.get(true, 30);
        try (var held = lock.hold()) {
            return lock.name();
        }
    }

    @Test
    void proxiesTravelInTaskArgumentsResultsAndQueues() {
        DictProxy<Integer, Integer> squares = manager.dict();
        LockProxy lock = manager.lock();
        QueueProxy<LockProxy> queue = manager.queue();
        try (Pool pool = new Pool(2)) {
            var items = List.of(0, 1, 2, 3).stream().map(i -> Args.args(squares, i)).toList();
            assertEquals(List.of(0, 1, 2, 3), pool.starmap(ManagerTest::square, items));
            assertEquals(Map.of(0, 0, 1, 1, 2, 4, 3, 9), squares.toMap());
            LockProxy back = pool.apply(ManagerTest::sameProxy, lock);
            assertEquals(lock, back);
            assertTrue(back.acquire(false));
            back.release();
            queue.put(lock);
            assertEquals(lock.name(), pool.apply(ManagerTest::useQueuedLock, queue));
        }
    }

    // ---- keys ---------------------------------------------------------------------------------------------

    @Test
    void hmacIsRfc2104HmacSha256() throws Exception {
        // RFC 4231 test case 2
        byte[] expected = AuthKey.fromHex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        assertArrayEquals(expected, AuthKey.hmac("Jefe".getBytes(), "what do ya want ".getBytes(),
                "for nothing?".getBytes()));
        for (int length : new int[] {16, 32, 64, 65, 200}) {
            byte[] key = AuthKey.random(length);
            byte[] message = AuthKey.random(51);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            assertArrayEquals(mac.doFinal(message), AuthKey.hmac(key, message), "key of " + length + " bytes");
        }
    }

    @Test
    void aProxyCarriesItsOwnAuthkeyOnlyToAProcessBeingStarted() throws Exception {
        byte[] key = AuthKey.random(32);
        LockProxy proxy = (LockProxy) ManagerProxy.of(new ManagerProxy.Ref(
                new ManagerAddress("/nowhere/listener", null, 0), 1, ManagerProtocol.LOCK, 1, 0, key));
        assertFalse(contains(Reduction.serialize(proxy), key), "a proxy in a queue or a result carries no key");
        assertTrue(contains(Reduction.spawning(() -> Reduction.serialize(proxy)), key));
        ManagerProxy copy = (ManagerProxy) Reduction.deserialize(Reduction.spawning(() -> Reduction.serialize(proxy)));
        assertEquals(proxy, copy);
        assertFalse(contains(Reduction.serialize(copy), key));
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        return Collections.indexOfSubList(toList(haystack), toList(needle)) >= 0;
    }

    private static List<Byte> toList(byte[] bytes) {
        List<Byte> list = new ArrayList<>(bytes.length);
        for (byte b : bytes) list.add(b);
        return list;
    }

    // ---- remote managers ----------------------------------------------------------------------------------

    /** Runs in another JVM: connects to the manager by address and key, and answers on a registered queue. */
    static void remoteClient(String host, int port, String hexKey) {
        try (Manager remote = Manager.connect(new InetSocketAddress(host, port), AuthKey.fromHex(hexKey))) {
            QueueProxy<String> jobs = remote.get("jobs");
            DictProxy<String, Long> results = remote.get("results");
            results.put(jobs.get(true, 30), ProcessHandle.current().pid());
        }
    }

    @Test
    void anotherProgramReachesATcpManagerByAddressAndKey() throws Exception {
        byte[] key = AuthKey.random(32);
        try (Manager tcp = Manager.builder().address(new InetSocketAddress("127.0.0.1", 0)).authkey(key).start()) {
            InetSocketAddress address = (InetSocketAddress) tcp.address();
            assertEquals("127.0.0.1", address.getAddress().getHostAddress());
            assertTrue(address.getPort() > 0);
            QueueProxy<String> jobs = tcp.queue();
            DictProxy<String, Long> results = tcp.dict();
            tcp.register("jobs", jobs);
            tcp.register("results", results);
            assertThrows(NoSuchElementException.class, () -> tcp.get("nothing"));
            jobs.put("job-1");
            Process other = new Process(ManagerTest::remoteClient, "127.0.0.1", address.getPort(), AuthKey.hex(key));
            other.start();
            other.join(30);
            assertEquals(0, other.exitCode());
            assertEquals(Map.of("job-1", other.pid()), results.toMap());

            AuthenticationError wrong = assertThrows(AuthenticationError.class,
                    () -> Manager.connect(address, AuthKey.random(32)));
            assertTrue(wrong.getMessage().startsWith("digest sent was rejected"), wrong.getMessage());
            try (Manager again = Manager.connect(address, key)) {
                assertEquals(tcp.pid(), again.pid());
                assertEquals(List.of(), again.<DictProxy<String, Long>>get("results").values().stream()
                        .filter(pid -> pid == 0).toList());
            }
        }
    }
}
