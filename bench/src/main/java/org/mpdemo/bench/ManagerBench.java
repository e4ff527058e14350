package org.mpdemo.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mpdemo.multiprocessing.Args;
import org.mpdemo.multiprocessing.managers.ConditionProxy;
import org.mpdemo.multiprocessing.managers.LockProxy;
import org.mpdemo.multiprocessing.managers.Manager;
import org.mpdemo.multiprocessing.managers.SemaphoreProxy;
import org.mpdemo.multiprocessing.pool.AsyncResult;
import org.mpdemo.multiprocessing.pool.Pool;
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
 * The manager's costs, to compare with CPython's ({@code bench/python/manager_bench.py} measures the same four
 * things): start-up, one lock round trip from a pool worker, a contended semaphore, and a notify-all wake-up.
 *
 * <p>Round trips run inside pool workers — where the tutorials use proxies — so each benchmark invocation asks a
 * worker to run a loop and divides by the loop's length ({@link OperationsPerInvocation}); the pool's own
 * round trip is amortized over thousands of manager calls. For the single-CPU figure, run the benchmark JVM
 * under {@code taskset -c 0} ({@code -jvm bench/pinned-java}): the manager and the workers then share one CPU,
 * as in the CPython comparison.
 */
@Fork(1)
@State(Scope.Benchmark)
public class ManagerBench {
    static final int LOCK_LOOP = 10_000;
    static final int SEMAPHORE_LOOP = 5_000;
    static final int WORKERS = 4;

    Manager manager;
    Pool pool;
    LockProxy lock;
    SemaphoreProxy semaphore;
    ConditionProxy condition;

    @Setup(Level.Trial)
    public void start() {
        manager = new Manager();
        pool = new Pool(WORKERS);
        lock = manager.lock();
        semaphore = manager.semaphore(2);
        condition = manager.condition();
        // every worker connects once before measuring
        pool.starmap(ManagerBench::semaphoreLoop, List.of(Args.args(semaphore, 10), Args.args(semaphore, 10),
                Args.args(semaphore, 10), Args.args(semaphore, 10)));
    }

    @TearDown(Level.Trial)
    public void stop() {
        pool.close();
        manager.close();
    }

    // ---- start-up ---------------------------------------------------------------------------------------------

    /** Start a manager, one Lock round trip (create, acquire, release), shut it down. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 5)
    @Measurement(iterations = 30)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void startup() {
        try (Manager m = new Manager()) {
            LockProxy l = m.lock();
            l.acquire();
            l.release();
        }
    }

    // ---- lock round trip ----------------------------------------------------------------------------------

    static long lockLoop(LockProxy lock, int n) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            lock.acquire();
            lock.release();
        }
        return System.nanoTime() - start;
    }

    /** One acquire and one release through a proxy, from a pool worker: two round trips to the manager. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OperationsPerInvocation(LOCK_LOOP)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long lockRoundTrip() {
        return pool.apply(ManagerBench::lockLoop, lock, LOCK_LOOP);
    }

    // ---- contended semaphore ------------------------------------------------------------------------------

    static long semaphoreLoop(SemaphoreProxy semaphore, int n) {
        for (int i = 0; i < n; i++) {
            semaphore.acquire();
            semaphore.release();
        }
        return n;
    }

    /** Four workers, each 5 000 acquire+release on one Semaphore(2): operations (acquire+release) per second. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OperationsPerInvocation(WORKERS * SEMAPHORE_LOOP)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public List<Long> semaphoreContended4Workers() {
        var items = List.of(Args.args(semaphore, SEMAPHORE_LOOP), Args.args(semaphore, SEMAPHORE_LOOP),
                Args.args(semaphore, SEMAPHORE_LOOP), Args.args(semaphore, SEMAPHORE_LOOP));
        return pool.starmap(ManagerBench::semaphoreLoop, items);
    }

    // ---- notify-all wake-up -------------------------------------------------------------------------------

    static long waitForNotify(ConditionProxy condition, int ignored) {
        try (var held = condition.hold()) {
            condition.await();
        }
        return System.nanoTime();
    }

    /**
     * Four workers waiting on the condition, and the condition's lock held by the benchmark thread: set up (not
     * measured) before each notify-all. CPython's script starts its clock the same way, inside
     * {@code with condition:} once it has seen the four waiting.
     */
    @State(Scope.Benchmark)
    public static class Waiters {
        AsyncResult<List<Long>> waiting;

        @Setup(Level.Invocation)
        public void fourWaiters(ManagerBench bench) {
            waiting = bench.pool.starmapAsync(ManagerBench::waitForNotify, List.of(Args.args(bench.condition, 0),
                    Args.args(bench.condition, 1), Args.args(bench.condition, 2), Args.args(bench.condition, 3)));
            if (!bench.condition.awaitWaiters(WORKERS, 30)) throw new IllegalStateException("the workers did not wait");
            bench.condition.acquire(); // JMH runs invocation set-up on the benchmark thread, which releases it
        }
    }

    /**
     * notify_all and the release of the lock, until all four waiters have woken, taken the lock in turn, and
     * reported. Warm-up is long on purpose: each invocation is one short shot, and the parent's JIT (and JMH's)
     * was still compiling after 300 of them, on the CPU the shots run on; with 1 000 the median settles (runs of
     * one build agreed within ~10%, where after 300 they spread from 570 to 830 us). The median of 1 000 shots is
     * reported, as CPython's script reports the median of its 50.
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 1000)
    @Measurement(iterations = 1000)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public List<Long> conditionNotifyAll(Waiters waiters) {
        try {
            condition.signalAll();
        } finally {
            condition.release();
        }
        return waiters.waiting.get();
    }
}
