package org.mpdemo.bench;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.mpdemo.multiprocessing.Process;
import org.mpdemo.multiprocessing.Schedules;
import org.mpdemo.multiprocessing.shared.Array;
import org.mpdemo.multiprocessing.shared.Barrier;
import org.mpdemo.multiprocessing.shared.Lock;
import org.mpdemo.multiprocessing.shared.Semaphore;
import org.mpdemo.multiprocessing.shared.Value;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The process-shared primitives, measured as {@code bench/python/sync_bench.py} measures CPython's: an uncontended
 * {@link Lock}, a Lock contended by two processes, a synchronized {@link Value}'s own lock contended by two
 * processes, and how fast a process blocked on a semaphore wakes up — together with how much CPU it burns while
 * blocked.
 *
 * <h2>How the two-process benchmarks are timed</h2>
 * Each iteration starts two child processes (fresh JVMs) in its set-up, outside the timing, and waits until both
 * are parked on a {@link Barrier} of three parties and have stopped using CPU ({@link Aux#settle}: a child that
 * has reached the barrier may still be loading the futex binding, ≈ 100 ms, which would otherwise land inside the
 * timing as a late wake-up). The timed method is the parent's {@code barrier.await()} —
 * the third party, which releases the children — followed by two acquires of a {@code done} semaphore that each
 * child releases after its last increment: the score is <em>barrier release → both children done</em>, taken in
 * the parent. JMH runs it once per iteration ({@link Mode#SingleShotTime}) and divides by the increments
 * ({@link OperationsPerInvocation}); {@code compare.py} turns ns/op into ops/s. The children also record the
 * start and end of their own loops ({@code System.nanoTime()}, CLOCK_MONOTONIC, the same clock in every process)
 * into shared memory; the teardown checks the final count and writes "first start → last end" as an aux figure
 * ({@link Aux}), which must agree with the score.
 *
 * <p>Children are started with the runtime's own child flags (Spawner): lazy compilation for start-up
 * ({@code -XX:CompileThresholdScaling=10}), except for the runtime's shared-memory classes, compiled ten times
 * sooner, and the Process's own function, whose loops are compiled a thousand times sooner; C1 only for Process
 * children. That is what a user's child gets, so it is
 * what is measured: a child's first tens of thousands of iterations are its warm-up, and they are inside the
 * timing, as they are for the user.
 *
 * <h2>Pinning</h2>
 * {@code bench/run-compare.sh} runs the hand-off benchmarks (contended locks, wake-up) under {@code taskset -c 0},
 * as it runs the CPython script; children inherit the affinity.
 */
public class SyncBench {
    public static final int CONTENDED_INCREMENTS = 200_000;
    public static final int LOCKED_VALUE_INCREMENTS = 100_000;
    static final int CHILDREN = 2;

    // ---- uncontended ----------------------------------------------------------------------------------------

    @State(Scope.Thread)
    public static class OneLock {
        final Lock lock = new Lock();
    }

    /** One acquire and one release of a Lock nobody else uses, in one process. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    @Fork(1)
    public void lockUncontended(OneLock state) {
        state.lock.acquire();
        state.lock.release();
    }

    // ---- two processes, one lock ----------------------------------------------------------------------------

    /** What the children of one contended benchmark share; travels as one argument at process start. */
    static final class Shared implements Serializable {
        private static final long serialVersionUID = 1L;
        final Lock lock = new Lock();
        /** Raw: the Lock above is the only guard. */
        final Value raw = Value.raw('i', 0);
        /** Synchronized: its own RLock ({@code getLock()}). */
        final Value locked = new Value('i', 0);
        final Barrier barrier = new Barrier(CHILDREN + 1);
        final Semaphore done = new Semaphore(0);
        /** Per child: loop start and end, System.nanoTime(). */
        final Array times = Array.raw('q', 2 * CHILDREN);
    }

    /** {@code lock.acquire(); raw += 1; lock.release()}, {@code n} times. */
    static void contendedChild(Shared s, Integer index, Integer n) {
        Lock lock = s.lock;
        Value raw = s.raw;
        s.barrier.await();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            lock.acquire();
            try {
                raw.setInt(raw.getInt() + 1);
            } finally {
                lock.release();
            }
        }
        long t1 = System.nanoTime();
        s.times.setLong(2 * index, t0);
        s.times.setLong(2 * index + 1, t1);
        s.done.release();
    }

    /** {@code with v.get_lock(): v.value += 1}, {@code n} times, on a synchronized Value. */
    static void lockedValueChild(Shared s, Integer index, Integer n) {
        Value v = s.locked;
        s.barrier.await();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            try (var held = v.getLock().hold()) {
                v.setInt(v.getInt() + 1);
            }
        }
        long t1 = System.nanoTime();
        s.times.setLong(2 * index, t0);
        s.times.setLong(2 * index + 1, t1);
        s.done.release();
    }

    /** Two children started and parked on the barrier before each iteration; checked and joined after it. */
    public abstract static class TwoChildren {
        Shared shared;
        Process[] children;
        /** Parent side, System.nanoTime(): just before the barrier, and once both children said done. */
        long released;
        long finished;
        /** How long the set-up waited for the children to stop using CPU after reaching the barrier. */
        double settled;

        abstract Process child(Shared s, int index);

        abstract Value counter(Shared s);

        abstract int increments();

        abstract String name();

        @Setup(Level.Trial)
        public void create() {
            shared = new Shared();
        }

        @Setup(Level.Iteration)
        public void startChildren() {
            counter(shared).setInt(0);
            children = new Process[CHILDREN];
            for (int i = 0; i < CHILDREN; i++) children[i] = child(shared, i).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (shared.barrier.nWaiting() < CHILDREN) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("children did not reach the barrier");
                sleepMillis(1);
            }
            settled = Aux.settle(10_000, children[0].pid(), children[1].pid());
        }

        @TearDown(Level.Iteration)
        public void joinChildren() {
            for (Process p : children) {
                p.join(60);
                if (p.exitCode() == null || p.exitCode() != 0) throw new IllegalStateException(p + " failed");
            }
            int expected = CHILDREN * increments();
            int got = counter(shared).getInt();
            if (got != expected) throw new IllegalStateException("count " + got + ", expected " + expected);
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (int i = 0; i < CHILDREN; i++) {
                first = Math.min(first, shared.times.getLong(2 * i));
                last = Math.max(last, shared.times.getLong(2 * i + 1));
            }
            Map<String, Object> aux = new LinkedHashMap<>();
            aux.put("parent_ms", (finished - released) / 1e6);
            aux.put("settle_ms", settled);
            aux.put("children_loop_ms", (last - first) / 1e6);
            aux.put("children_ops_per_s", expected / ((last - first) / 1e9));
            aux.put("release_to_first_start_ms", (first - released) / 1e6);
            aux.put("last_end_to_done_ms", (finished - last) / 1e6);
            Aux.record(name(), aux);
        }
    }

    @State(Scope.Benchmark)
    public static class ContendedLock extends TwoChildren {
        @Override
        Process child(Shared s, int index) {
            return new Process(SyncBench::contendedChild, s, index, CONTENDED_INCREMENTS);
        }

        @Override
        Value counter(Shared s) {
            return s.raw;
        }

        @Override
        int increments() {
            return CONTENDED_INCREMENTS;
        }

        @Override
        String name() {
            return "lockContended2Proc";
        }
    }

    @State(Scope.Benchmark)
    public static class ContendedValueLock extends TwoChildren {
        @Override
        Process child(Shared s, int index) {
            return new Process(SyncBench::lockedValueChild, s, index, LOCKED_VALUE_INCREMENTS);
        }

        @Override
        Value counter(Shared s) {
            return s.locked;
        }

        @Override
        int increments() {
            return LOCKED_VALUE_INCREMENTS;
        }

        @Override
        String name() {
            return "valueLockedIncrement2Proc";
        }
    }

    /**
     * Two processes × 200 000 increments of a raw Value under one shared Lock. Score: barrier release → both
     * children done, per increment (compare.py: ops/s).
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OperationsPerInvocation(CHILDREN * CONTENDED_INCREMENTS)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Warmup(iterations = 2)
    @Measurement(iterations = 7)
    @Fork(1)
    public void lockContended2Proc(ContendedLock state) {
        state.released = System.nanoTime();
        state.shared.barrier.await();
        state.shared.done.acquire();
        state.shared.done.acquire();
        state.finished = System.nanoTime();
    }

    /** Two processes × 100 000 {@code getLock()}-guarded increments of a synchronized Value; as above. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OperationsPerInvocation(CHILDREN * LOCKED_VALUE_INCREMENTS)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Warmup(iterations = 2)
    @Measurement(iterations = 7)
    @Fork(1)
    public void valueLockedIncrement2Proc(ContendedValueLock state) {
        state.released = System.nanoTime();
        state.shared.barrier.await();
        state.shared.done.acquire();
        state.shared.done.acquire();
        state.finished = System.nanoTime();
    }

    // ---- schedule hand-off ------------------------------------------------------------------------------------

    /** Value reads each child makes under the schedule 1,2,1,2,…: every one is a switch point. */
    public static final int HAND_OFF_STEPS = 5_000;

    static final class HandOff implements Serializable {
        private static final long serialVersionUID = 1L;
        final Value value = Value.raw('i', 7);
        final Barrier barrier = new Barrier(CHILDREN + 1);
        final Semaphore done = new Semaphore(0);
        /** Per child, the moment each of its reads returned (System.nanoTime()). */
        final Array times = Array.raw('q', CHILDREN * HAND_OFF_STEPS);
    }

    /** Reads the value {@code n} times, each read let go by the scheduler; then writes down when each returned. */
    static void handOffChild(HandOff s, Integer index, Integer n) {
        s.barrier.await(); // a barrier's wait is not a switch point
        long[] returned = new long[n];
        for (int i = 0; i < n; i++) {
            s.value.getInt();
            returned[i] = System.nanoTime();
        }
        // the schedule has run out by now: these writes run freely
        for (int i = 0; i < n; i++) s.times.setLong(index * n + i, returned[i]);
        s.done.release();
    }

    /**
     * Two children whose reads alternate by schedule ({@code -Dmpdemo.schedule=1,2,1,2,…}, set before the first
     * child starts). A hand-off is one read let go, that process on to its next switch point, the scheduler told,
     * and the other process let go: the time between two consecutive reads' returns, across the two children.
     */
    @State(Scope.Benchmark)
    public static class ScheduledPair {
        HandOff shared;
        Process[] children;

        @Setup(Level.Trial)
        public void schedule() {
            StringBuilder spec = new StringBuilder();
            for (int i = 0; i < HAND_OFF_STEPS; i++) spec.append(i == 0 ? "" : ",").append("1,2");
            System.setProperty(Schedules.PROPERTY, spec.toString());
            shared = new HandOff();
        }

        @Setup(Level.Iteration)
        public void startChildren() {
            children = new Process[CHILDREN];
            for (int i = 0; i < CHILDREN; i++) {
                children[i] = new Process(SyncBench::handOffChild, shared, i, HAND_OFF_STEPS).start();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (shared.barrier.nWaiting() < CHILDREN) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("children did not reach the barrier");
                sleepMillis(1);
            }
            Aux.settle(10_000, children[0].pid(), children[1].pid());
        }

        @TearDown(Level.Iteration)
        public void joinChildren() {
            for (Process p : children) {
                p.join(60);
                if (p.exitCode() == null || p.exitCode() != 0) throw new IllegalStateException(p + " failed");
            }
            long[] all = new long[CHILDREN * HAND_OFF_STEPS];
            for (int i = 0; i < all.length; i++) all[i] = shared.times.getLong(i);
            java.util.Arrays.sort(all);
            double[] gaps = new double[all.length - 1];
            for (int i = 1; i < all.length; i++) gaps[i - 1] = (all[i] - all[i - 1]) / 1e3;
            java.util.Arrays.sort(gaps);
            Map<String, Object> aux = new LinkedHashMap<>();
            aux.put("median_us", gaps[gaps.length / 2]);
            aux.put("p90_us", gaps[(int) (gaps.length * 0.9)]);
            aux.put("p99_us", gaps[(int) (gaps.length * 0.99)]);
            aux.put("hand_offs", gaps.length);
            Aux.record("scheduleHandOff", aux);
        }
    }

    /**
     * A schedule's hand-off between two processes: barrier release → both children's 5 000 scheduled reads done,
     * per read (the score, a mean); the median of the gaps between consecutive reads is the aux figure
     * {@code compare.py} reports, beside the uncontended lock.
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OperationsPerInvocation(CHILDREN * HAND_OFF_STEPS)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 2)
    @Measurement(iterations = 5)
    @Fork(1)
    public void scheduleHandOff(ScheduledPair state) {
        state.shared.barrier.await();
        state.shared.done.acquire();
        state.shared.done.acquire();
    }

    // ---- wake-up ----------------------------------------------------------------------------------------------

    /** The child's side of the ping-pong: wait for ping, answer pong, until {@code stop} is set. */
    static void ponger(Semaphore ping, Semaphore pong, Value stop) {
        while (true) {
            ping.acquire();
            if (stop.getInt() != 0) return;
            pong.release();
        }
    }

    /**
     * A child blocked on {@code ping}. After the measurement, the child is left blocked for
     * {@value #IDLE_WINDOW_MS} ms while its CPU use is read from {@code /proc/PID/stat} (and schedstat): the same
     * child, the same primitives, the same JVM state as the latency just measured.
     */
    @State(Scope.Benchmark)
    public static class PingPong {
        static final long IDLE_WINDOW_MS = 2_000;
        final Semaphore ping = new Semaphore(0);
        final Semaphore pong = new Semaphore(0);
        final Value stop = Value.raw('i', 0);
        Process child;

        @Setup(Level.Trial)
        public void start() {
            child = new Process(SyncBench::ponger, ping, pong, stop).start();
            for (int i = 0; i < 2_000; i++) { // the child is up and its path warm before JMH's warm-up
                ping.release();
                pong.acquire();
            }
        }

        @TearDown(Level.Trial)
        public void stop() {
            sleepMillis(200); // the child is back in its futex wait; nothing else to settle
            Map<String, Object> aux = new LinkedHashMap<>(Aux.idleCpu(child.pid(), IDLE_WINDOW_MS));
            stop.setInt(1);
            ping.release();
            child.join(30);
            Aux.record("wakeupLatency", aux);
        }
    }

    /**
     * One ping-pong: release a semaphore a child is blocked on, then block on the one it releases in answer.
     * Two wake-ups of a blocked process per operation: compare.py reports half the round trip (median and
     * percentiles of JMH's samples).
     */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    @Fork(1)
    public void wakeupLatency(PingPong state) {
        state.ping.release();
        state.pong.acquire();
    }

    static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
