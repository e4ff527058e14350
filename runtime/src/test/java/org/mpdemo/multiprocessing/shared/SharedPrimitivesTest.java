package org.mpdemo.multiprocessing.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mpdemo.multiprocessing.Process;
import org.mpdemo.multiprocessing.errors.BrokenBarrierError;
import org.mpdemo.multiprocessing.errors.ProcessError;
import org.mpdemo.multiprocessing.errors.SharingError;
import org.mpdemo.multiprocessing.internal.reduction.Reduction;
import org.mpdemo.multiprocessing.internal.shm.Futex;
import org.mpdemo.multiprocessing.pool.Pool;

/**
 * Primitives passed to real child processes (JVMs) are the same objects there: exclusion, hand-over between
 * processes, bounds, timeouts, Condition, Event, Barrier, blocked waiters that sleep, dead holders.
 *
 * <p>Children report back through shared {@link Value}s and {@link Array}s; every wait for a child is an event,
 * a lock or {@link Process#join(double)} with a generous bound, never a sleep.
 */
@Timeout(60)
class SharedPrimitivesTest {
    static final double BOUND = 30;

    static void joinOk(Process... processes) {
        for (Process p : processes) {
            p.join(BOUND);
            assertEquals(0, p.exitCode(), p + " failed (its traceback is in the output above)");
        }
    }

    // ---- Lock ---------------------------------------------------------------------------------------------

    static final int N = 3000;

    static void addUnderLock(Lock lock, Value counter) {
        for (int i = 0; i < N; i++) {
            lock.acquire();
            try {
                counter.setInt(counter.getInt() + 1); // a raw value: only the lock makes this exact
            } finally {
                lock.release();
            }
        }
    }

    @Test
    void lockPassedToTwoProcessesKeepsRawIncrementsExact() {
        Lock lock = new Lock();
        Value counter = Value.raw('i', 0);
        Process a = new Process(SharedPrimitivesTest::addUnderLock, lock, counter).start();
        Process b = new Process(SharedPrimitivesTest::addUnderLock, lock, counter).start();
        addUnderLock(lock, counter); // and this process too
        joinOk(a, b);
        assertEquals(3 * N, counter.getInt());
        assertTrue(lock.acquire(false), "left unlocked");
    }

    static void releaseIt(Lock lock, Value outcome) {
        lock.release(); // held by the parent: a Lock may be released by anyone
        try {
            lock.release();
            outcome.setInt(-1);
        } catch (IllegalStateException e) {
            outcome.setInt("semaphore or lock released too many times".equals(e.getMessage()) ? 1 : -2);
        }
    }

    @Test
    void lockHeldHereIsReleasedByAnotherProcess() {
        Lock lock = new Lock();
        Value outcome = Value.raw('i', 0);
        lock.acquire();
        joinOk(new Process(SharedPrimitivesTest::releaseIt, lock, outcome).start());
        assertEquals(1, outcome.getInt(), "second release raised in the child");
        assertTrue(lock.acquire(false), "the child's release freed it here");
        lock.release();
        IllegalStateException e = assertThrows(IllegalStateException.class, lock::release);
        assertEquals("semaphore or lock released too many times", e.getMessage());
    }

    static void releaseNotMine(RLock lock, Value outcome) {
        try {
            lock.release();
            outcome.setInt(-1);
        } catch (IllegalStateException e) {
            outcome.setInt("attempt to release recursive lock not owned by thread".equals(e.getMessage()) ? 1 : -2);
        }
        outcome.setInt(outcome.getInt() * 10 + (lock.acquire(true, 0.05) ? 9 : 1));
    }

    @Test
    void rlockIsOwnedByOneThreadOfOneProcess() {
        RLock lock = new RLock();
        assertTrue(lock.acquire());
        assertTrue(lock.acquire(false), "recursion");
        assertEquals(2, lock.count());
        Value outcome = Value.raw('i', 0);
        joinOk(new Process(SharedPrimitivesTest::releaseNotMine, lock, outcome).start());
        assertEquals(11, outcome.getInt(), "the child may neither release it nor take it");
        lock.release();
        lock.release();
        assertThrows(IllegalStateException.class, lock::release);
    }

    static void overRelease(BoundedSemaphore sem, Value outcome) {
        try {
            sem.release();
            outcome.setInt(-1);
        } catch (IllegalStateException e) {
            outcome.setInt(1);
        }
    }

    @Test
    void boundedSemaphoreRefusesOverReleaseInEveryProcess() {
        BoundedSemaphore sem = new BoundedSemaphore(2);
        assertTrue(sem.acquire());
        sem.release();
        assertThrows(IllegalStateException.class, sem::release);
        Value outcome = Value.raw('i', 0);
        joinOk(new Process(SharedPrimitivesTest::overRelease, sem, outcome).start());
        assertEquals(1, outcome.getInt());
        assertEquals(2, sem.getValue());
    }

    static void timedAcquires(Lock lock, Array out) {
        out.setInt(0, lock.acquire(false) ? 1 : 0);
        long start = System.nanoTime();
        out.setInt(1, lock.acquire(true, 0.25) ? 1 : 0);
        out.setLong(2, System.nanoTime() - start);
    }

    @Test
    void acquireTimesOutInAnotherProcess() {
        Lock lock = new Lock();
        Array out = Array.raw('q', 3);
        lock.acquire();
        joinOk(new Process(SharedPrimitivesTest::timedAcquires, lock, out).start());
        assertEquals(0, out.getLong(0), "acquire(block=false) on a held lock");
        assertEquals(0, out.getLong(1), "acquire(timeout=0.25) on a held lock");
        assertTrue(out.getLong(2) >= 250_000_000L, "waited " + out.getLong(2) + " ns");
        assertTrue(out.getLong(2) < 5_000_000_000L, "waited " + out.getLong(2) + " ns");
        long start = System.nanoTime();
        assertFalse(new Semaphore(0).acquire(true, 0.1));
        assertTrue(System.nanoTime() - start >= 100_000_000L);
        lock.release();
    }

    @Test
    void threadsHammeringOneLockLoseNoWakeUpAndNoUpdate() throws Exception {
        // threads go through the same futex paths as processes, with many more interleavings per second
        Lock lock = new Lock();
        Semaphore pair = new Semaphore(2);
        Value counter = Value.raw('q', 0);
        Array gauge = Array.raw('q', 2);
        int threads = 4;
        int rounds = 20_000;
        java.util.concurrent.atomic.AtomicLong timedOut = new java.util.concurrent.atomic.AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int me = t;
            Thread w = new Thread(() -> {
                for (int i = 0; i < rounds; i++) {
                    // odd threads use tiny timeouts, so that timeouts race with wake-ups
                    boolean got = me % 2 == 0 ? lock.acquire() : lock.acquire(true, 0.00002);
                    if (!got) {
                        timedOut.incrementAndGet();
                        continue;
                    }
                    counter.setLong(counter.getLong() + 1);
                    lock.release();
                    if (pair.acquire(true, me % 2 == 0 ? -1 : 0.00002)) {
                        long inside = gauge.incrementAndGet(0);
                        long max;
                        while ((max = gauge.getLong(1)) < inside && !gauge.compareAndSet(1, max, inside)) {
                            Thread.onSpinWait();
                        }
                        gauge.decrementAndGet(0);
                        pair.release();
                    }
                }
            });
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) w.join(30_000);
        for (Thread w : workers) assertFalse(w.isAlive(), "a thread is stuck: lost wake-up");
        assertEquals((long) threads * rounds - timedOut.get(), counter.getLong());
        assertTrue(gauge.getLong(1) <= 2, "max inside " + gauge.getLong(1));
        assertEquals(1, lock.acquire(false) ? 1 : 0);
        lock.release();
        assertEquals(2, pair.getValue());
    }

    static Lock workerLock;

    static void keepLock(Lock lock) {
        workerLock = lock;
    }

    static boolean tryWorkerLock(double timeout) {
        boolean got = workerLock.acquire(true, timeout);
        if (got) workerLock.release();
        return got;
    }

    @Test
    void lockPassedAsPoolInitializerArgumentIsTheSameLock() {
        // CPython claim (a): while the parent holds it, a worker's acquire(timeout=0.3) is False; after, True
        Lock lock = new Lock();
        try (Pool pool = Pool.builder().processes(1).initializer(SharedPrimitivesTest::keepLock, lock).build()) {
            lock.acquire();
            assertEquals(false, pool.apply(SharedPrimitivesTest::tryWorkerLock, 0.3));
            lock.release();
            assertEquals(true, pool.apply(SharedPrimitivesTest::tryWorkerLock, 0.3));
        }
    }

    // ---- Semaphore ----------------------------------------------------------------------------------------

    static void crowd(Semaphore sem, Array gauge) {
        for (int i = 0; i < 400; i++) {
            sem.acquire();
            try {
                long inside = gauge.incrementAndGet(0); // lock-free on shared memory
                long max;
                while ((max = gauge.getLong(1)) < inside && !gauge.compareAndSet(1, max, inside)) {
                    Thread.onSpinWait();
                }
                for (int spin = 0; spin < 200; spin++) Thread.onSpinWait();
                gauge.decrementAndGet(0);
            } finally {
                sem.release();
            }
        }
    }

    @Test
    void semaphoreOfTwoNeverAdmitsThree() {
        Semaphore sem = new Semaphore(2);
        Array gauge = Array.raw('q', 2); // [inside now, most ever inside]
        Process a = new Process(SharedPrimitivesTest::crowd, sem, gauge).start();
        Process b = new Process(SharedPrimitivesTest::crowd, sem, gauge).start();
        Process c = new Process(SharedPrimitivesTest::crowd, sem, gauge).start();
        crowd(sem, gauge);
        joinOk(a, b, c);
        assertEquals(0, gauge.getLong(0));
        assertTrue(gauge.getLong(1) >= 1 && gauge.getLong(1) <= 2, "max inside: " + gauge.getLong(1));
        assertEquals(2, sem.getValue());
    }

    // ---- Condition, Event ---------------------------------------------------------------------------------

    static void waitForGo(Condition condition, Array flags) {
        try (var held = condition.hold()) {
            flags.incrementAndGet(0); // waiting
            condition.signalAll();    // tell the parent
            if (condition.waitFor(() -> flags.getInt(1) == 1, BOUND)) flags.incrementAndGet(2); // woken by go
        }
    }

    @Test
    void conditionSignalAllWakesWaitersInOtherProcesses() {
        Condition condition = new Condition();
        Array flags = Array.raw('i', 3); // [waiting, go, woken]
        List<Process> children = new ArrayList<>();
        for (int i = 0; i < 3; i++) children.add(new Process(SharedPrimitivesTest::waitForGo, condition, flags).start());
        try (var held = condition.hold()) {
            // every child increments under the lock and then waits, which releases it: when we see 3, all wait
            assertTrue(condition.waitFor(() -> flags.getInt(0) == 3, BOUND), "children never waited");
            flags.setInt(1, 1);
            condition.signalAll();
        }
        joinOk(children.toArray(new Process[0]));
        assertEquals(3, flags.getInt(2));
    }

    /** Gets in line on {@code condition}, tells the parent through {@code ready}, and counts its wake-up. */
    static void waitOnce(Condition condition, Condition ready, Array flags) {
        try (var held = condition.hold()) {
            try (var told = ready.hold()) {
                flags.incrementAndGet(0); // in line: the parent takes the condition's lock only once we wait
                ready.signalAll();
            }
            if (condition.await(BOUND)) flags.incrementAndGet(1);
        }
    }

    /** Starts a waiter and returns once it waits on {@code condition} (its lock is free only when it does). */
    static Process startWaiter(Condition condition, Condition ready, Array flags, int nth) {
        Process waiter = new Process(SharedPrimitivesTest::waitOnce, condition, ready, flags).start();
        try (var told = ready.hold()) {
            assertTrue(ready.waitFor(() -> flags.getInt(0) == nth, BOUND), "waiter " + nth + " never got in line");
        }
        try (var held = condition.hold()) {
            assertEquals(nth, condition.waiting());
        }
        return waiter;
    }

    /**
     * A waiter killed while it waits is passed over: CPython's notify_all (and the one before this fix) waits for
     * every counted sleeper to acknowledge its wake-up, and a dead one never does. The oldest waiter is the dead
     * one, so notify(1) must skip it too.
     */
    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aWaiterKilledWhileWaitingIsPassedOver() {
        Condition condition = new Condition();
        Condition ready = new Condition();
        Array flags = Array.raw('i', 2); // [in line, woken]
        Process dead = startWaiter(condition, ready, flags, 1);
        Process first = startWaiter(condition, ready, flags, 2);
        Process second = startWaiter(condition, ready, flags, 3);
        dead.kill();
        dead.join();
        try (var held = condition.hold()) {
            assertEquals(2, condition.waiting(), "the dead waiter no longer counts");
            condition.signal(); // the oldest is dead: the next one is woken
        }
        first.join(BOUND);
        assertEquals(0, first.exitCode(), "the live waiter after the dead one was woken");
        assertEquals(1, flags.getInt(1));
        try (var held = condition.hold()) {
            condition.signalAll();
        }
        second.join(BOUND);
        assertEquals(0, second.exitCode());
        assertEquals(2, flags.getInt(1));
    }

    static void eventPingPong(Event ping, Event pong, Value seen) {
        seen.setInt(ping.await(BOUND) ? 1 : 0);
        pong.set();
    }

    @Test
    void eventIsSharedBothWays() {
        Event ping = new Event();
        Event pong = new Event();
        Value seen = Value.raw('i', -1);
        Process child = new Process(SharedPrimitivesTest::eventPingPong, ping, pong, seen).start();
        assertFalse(pong.isSet());
        ping.set();
        assertTrue(pong.await(BOUND), "the child's set() reached this process");
        joinOk(child);
        assertEquals(1, seen.getInt());
        assertTrue(ping.isSet());
        ping.clear();
        assertFalse(ping.isSet());
        assertFalse(ping.await(0.05));
    }

    // ---- Barrier ------------------------------------------------------------------------------------------

    static void countRounds(Array actions) {
        actions.incrementAndGet(0);
    }

    static void party(Barrier barrier, Array indexes, Value slot) {
        for (int round = 0; round < 2; round++) indexes.set(round * 3 + slot.getInt(), barrier.await(BOUND));
    }

    @Test
    void barrierAcrossProcesses() {
        Array actions = Array.raw('i', 1);
        Barrier barrier = new Barrier(3, () -> countRounds(actions), -1);
        Array indexes = Array.raw('i', new int[] {-1, -1, -1, -1, -1, -1});
        Process a = new Process(SharedPrimitivesTest::party, barrier, indexes, Value.raw('i', 1)).start();
        Process b = new Process(SharedPrimitivesTest::party, barrier, indexes, Value.raw('i', 2)).start();
        party(barrier, indexes, Value.raw('i', 0));
        joinOk(a, b);
        for (int round = 0; round < 2; round++) {
            List<Number> got = indexes.toList().subList(round * 3, round * 3 + 3);
            assertTrue(got.containsAll(List.of(0, 1, 2)), "round " + round + ": " + indexes);
        }
        assertEquals(2, actions.getInt(0), "the action ran once per round");
        assertFalse(barrier.isBroken());
        assertEquals(0, barrier.nWaiting());
    }

    static void waitAtBarrier(Barrier barrier, Event arriving, Value outcome) {
        arriving.set();
        try {
            barrier.await(BOUND);
            outcome.setInt(-1);
        } catch (BrokenBarrierError e) {
            outcome.setInt(1);
        }
    }

    @Test
    void barrierTimeoutAbortAndReset() {
        Barrier barrier = new Barrier(2);
        assertThrows(BrokenBarrierError.class, () -> barrier.await(0.05), "alone, it times out");
        assertTrue(barrier.isBroken());
        assertThrows(BrokenBarrierError.class, () -> barrier.await(0.05), "and stays broken");
        barrier.reset();
        assertFalse(barrier.isBroken());
        assertEquals("<Barrier: waiters=0/2>", barrier.toString());

        Barrier three = new Barrier(3);
        Value outcome = Value.raw('i', 0);
        Event arriving = new Event();
        Process child = new Process(SharedPrimitivesTest::waitAtBarrier, three, arriving, outcome).start();
        // abort as the child arrives: whether it is already waiting (woken) or not yet (refused at entry), it
        // must get BrokenBarrierError
        assertTrue(arriving.await(BOUND));
        three.abort();
        joinOk(child);
        assertEquals(1, outcome.getInt());
        assertTrue(three.isBroken());
        assertThrows(IllegalArgumentException.class, () -> new Barrier(0));
    }

    @Test
    void barrierActionFailureBreaksIt() {
        Barrier barrier = new Barrier(1, () -> {
            throw new java.io.IOException("action failed");
        }, -1);
        ProcessError e = assertThrows(ProcessError.class, barrier::await);
        assertTrue(e.getCause() instanceof java.io.IOException);
        assertTrue(barrier.isBroken());
        assertThrows(SharingError.class, () -> Reduction.serialize(barrier));
    }

    // ---- blocking costs -----------------------------------------------------------------------------------

    static String threadSelf() throws java.io.IOException {
        return Files.readSymbolicLink(Path.of("/proc/thread-self")).toString(); // "<pid>/task/<tid>"
    }

    static void blockOn(Lock lock, Event ready, Array tid) throws Exception {
        Futex.available(); // have JNA loaded before we are measured
        String[] parts = threadSelf().split("/");
        tid.setLong(0, Long.parseLong(parts[2]));
        ready.set();
        lock.acquire();
        tid.setLong(1, System.nanoTime());
        lock.release();
    }

    /** Nanoseconds a thread has run (schedstat's first field). */
    static long threadRunNanos(long pid, long tid) throws java.io.IOException {
        String s = Files.readString(Path.of("/proc/" + pid + "/task/" + tid + "/schedstat")).trim();
        return Long.parseLong(s.split("\\s+")[0]);
    }

    /** utime + stime of a whole process, in clock ticks (1/100 s). */
    static long processTicks(long pid) throws java.io.IOException {
        String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of stat(5)
    }

    @Test
    void blockedWaiterSleepsAndWakesQuickly() throws Exception {
        Lock lock = new Lock();
        Event ready = new Event();
        Array tid = Array.raw('q', 2);
        lock.acquire();
        Process child = new Process(SharedPrimitivesTest::blockOn, lock, ready, tid).start();
        assertTrue(ready.await(BOUND));
        long pid = child.pid();
        long t = tid.getLong(0);
        long run0 = threadRunNanos(pid, t);
        long ticks0 = processTicks(pid);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long mine0 = mx.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        // the measuring window is itself a blocked wait: 2 s on a semaphore nobody releases
        assertFalse(new Semaphore(0).acquire(true, 2.0));
        long wall = System.nanoTime() - wall0;
        long mine = mx.getCurrentThreadCpuTime() - mine0;
        long run = threadRunNanos(pid, t) - run0;
        long ticks = processTicks(pid) - ticks0;
        // wake-up: the waiter must be asleep in the kernel by now (it registered long ago)
        long released = System.nanoTime();
        lock.release();
        joinOk(child);
        long latency = tid.getLong(1) - released;
        System.out.printf("blocked waiter: child thread %.3f%% of a core, child process %.2f%% (%d ticks), "
                + "waiting thread here %.3f%%; wake-up latency %d us%n", 100.0 * run / wall,
                100.0 * ticks * 10_000_000 / wall, ticks, 100.0 * mine / wall, latency / 1000);
        assertTrue(run < wall / 50, "the blocked child thread used " + run + " ns of CPU in " + wall + " ns");
        assertTrue(mine < wall / 50, "the timed wait here used " + mine + " ns of CPU in " + wall + " ns");
        assertTrue(latency > 0 && latency < 5_000_000_000L, "wake-up took " + latency + " ns");
    }

    static void pollWithoutFutex(Lock lock, Event ready, Array out) {
        out.setLong(0, Futex.available() ? 1 : 0);
        ready.set();
        long start = System.nanoTime();
        lock.acquire(); // blocks: the parent holds it
        out.setLong(1, System.nanoTime() - start);
        lock.release();
    }

    @Test
    void withoutFutexAProcessPollsAndStillInteroperates() {
        assertTrue(Futex.available(), "this JVM uses futexes"); // decided before the property changes
        Lock lock = new Lock();
        Event ready = new Event();
        Array out = Array.raw('q', new long[] {-1, -1});
        lock.acquire();
        String was = System.getProperty("mpdemo.futex");
        Process child;
        System.setProperty("mpdemo.futex", "off"); // passed on to the child (Spawner passes mpdemo.*)
        try {
            child = new Process(SharedPrimitivesTest::pollWithoutFutex, lock, ready, out).start();
        } finally {
            if (was == null) System.clearProperty("mpdemo.futex");
            else System.setProperty("mpdemo.futex", was);
        }
        long start = System.nanoTime();
        assertTrue(ready.await(BOUND));
        long readyLatency = System.nanoTime() - start; // includes the child's start-up
        lock.release();
        joinOk(child);
        assertEquals(0, out.getLong(0), "the child polls");
        assertTrue(out.getLong(1) > 0, "and got the lock once released here");
        assertTrue(readyLatency < BOUND * 1e9);
    }

    static void acquireOnce(Lock lock) {
        lock.acquire();
    }

    /**
     * A child whose futex binding cannot load (here: JNA's library is kept from it) does not poll in silence: its
     * first wait fails with one clear error. Polling is a mode one asks for (-Dmpdemo.futex=off).
     */
    @Test
    void aChildThatCannotLoadItsFutexBindingFailsClearly() {
        Lock lock = new Lock();
        lock.acquire();
        String was = System.getProperty("mpdemo.child.jvmArgs");
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream err = System.err;
        Process child;
        System.setProperty("mpdemo.child.jvmArgs", "-Djna.boot.library.path=/nonexistent -Djna.nosys=true "
                + "-Djna.nounpack=true");
        try {
            child = new Process(SharedPrimitivesTest::acquireOnce, lock).start();
        } finally {
            if (was == null) System.clearProperty("mpdemo.child.jvmArgs");
            else System.setProperty("mpdemo.child.jvmArgs", was);
        }
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            child.join(BOUND);
        } finally {
            System.setErr(err);
            lock.release();
        }
        assertEquals(1, child.exitCode());
        String text = captured.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("ProcessError: this process cannot wait on a futex (JNA unavailable: "), text);
        assertTrue(!text.contains("will poll"), text);
    }

    // ---- dead holder --------------------------------------------------------------------------------------

    static void takeAndDie(Lock lock, Event taken) {
        lock.acquire();
        taken.set();
        Runtime.getRuntime().halt(3);
    }

    @Test
    void waiterReportsAHolderThatDied() {
        Lock lock = new Lock();
        Event taken = new Event();
        Process child = new Process(SharedPrimitivesTest::takeAndDie, lock, taken).start();
        assertTrue(taken.await(BOUND));
        child.join(BOUND);
        assertEquals(3, child.exitCode());
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream err = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        boolean acquired;
        try {
            acquired = lock.acquire(true, 1.3);
        } finally {
            System.setErr(err);
        }
        assertFalse(acquired, "CPython semantics: the lock stays held");
        String text = captured.toString(StandardCharsets.UTF_8);
        String id = lock.id;
        assertNotNull(id);
        assertTrue(text.contains("mpdemo: Lock " + id + " is held by process " + child.pid()
                + ", which died holding it; waiting processes will wait for ever"), text);
        assertEquals(1, text.split("died holding it", -1).length - 1, "said once: " + text);
    }

    static void takeAndWait(Lock lock, Event taken) {
        lock.acquire();
        taken.set();
        new Event().await(BOUND); // holds it until the test kills it
    }

    /** A holder that is alive but stopped (SIGSTOP) is said once, after the wait reaches the threshold. */
    @Test
    void waiterReportsAHolderThatIsStopped() throws Exception {
        Lock lock = new Lock();
        Event taken = new Event();
        Process child = new Process(SharedPrimitivesTest::takeAndWait, lock, taken).start();
        try {
            assertTrue(taken.await(BOUND));
            assertEquals(0, new ProcessBuilder("kill", "-STOP", child.pid().toString()).start().waitFor());
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            PrintStream err = System.err;
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            System.setProperty("mpdemo.stoppedHolderMillis", "1000");
            boolean acquired;
            try {
                acquired = lock.acquire(true, 3.5); // checks at 1, 2 and 3 s: said at the first, once
            } finally {
                System.clearProperty("mpdemo.stoppedHolderMillis");
                System.setErr(err);
            }
            assertFalse(acquired);
            String text = captured.toString(StandardCharsets.UTF_8);
            assertEquals("mpdemo: Lock " + lock.id + " is held by process " + child.pid() + ", which is stopped "
                    + "(SIGSTOP); waiting processes wait until it is continued (kill -CONT " + child.pid() + ")\n",
                    text);
        } finally {
            new ProcessBuilder("kill", "-CONT", child.pid().toString()).start().waitFor();
            child.kill();
            child.join(BOUND);
        }
    }

    // ---- sharing rules ------------------------------------------------------------------------------------

    @Test
    void primitivesStillRefuseToTravelOutsideProcessStart() {
        SharingError e = assertThrows(SharingError.class, () -> Reduction.serialize(new Lock()));
        assertEquals("Lock objects should only be shared between processes through inheritance", e.getMessage());
        e = assertThrows(SharingError.class, () -> Reduction.serialize(new Event()));
        assertEquals("Event objects should only be shared between processes through inheritance", e.getMessage());
        e = assertThrows(SharingError.class, () -> Reduction.serialize(new Barrier(2)));
        assertEquals("Barrier objects should only be shared between processes through inheritance", e.getMessage());
    }

    @Test
    void deserializedTwiceInOneProcessIsStillOneLock() {
        Lock lock = new Lock();
        byte[] bytes = Reduction.spawning(() -> Reduction.serialize(lock));
        Lock copy = (Lock) Reduction.deserialize(bytes);
        assertTrue(copy.acquire(false));
        assertFalse(lock.acquire(false), "the copy's acquire holds the original");
        lock.release();
        assertTrue(lock.acquire(false));
        lock.release();
    }
}
