package org.mpdemo.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.mpdemo.multiprocessing.pool.IMapIterator;
import org.mpdemo.multiprocessing.pool.Pool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a {@link Pool} of child JVMs costs, measured the way {@code bench/python/pool_bench.py} measures CPython's
 * {@code multiprocessing.Pool}: starting a pool, one round trip, and three ways of mapping a tiny function.
 *
 * <p>Every benchmark reports <em>time per operation</em>; {@code bench/compare.py} turns the map figures into
 * items per second ({@code items / time}) so the two languages line up. The item counts are the constants below.
 *
 * <p>The children of a pool are started with {@code java -cp <java.class.path>}, so running these from the uber-jar
 * ({@code java -jar bench/target/benchmarks.jar}) gives the children the same jar. Hand-offs between processes
 * depend heavily on whether both ends share a CPU: {@code bench/run-compare.sh} runs the round-trip benchmark
 * under {@code taskset -c 0} (children inherit the affinity), as it runs the CPython one.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar PoolBench} (all), or e.g. {@code PoolBench.applyRoundTrip}.
 */
public class PoolBench {
    /** Items in {@link #mapTiny}: {@code map} with the default chunk size (items / (4 × workers), rounded up). */
    public static final int MAP_TINY_ITEMS = 200_000;
    /** Items in {@link #mapChunk1}: one item per task, so every item is a hand-off. */
    public static final int MAP_CHUNK1_ITEMS = 20_000;
    /** Items in {@link #imapUnordered}, in chunks of {@link #IMAP_CHUNKSIZE}. */
    public static final int IMAP_ITEMS = 100_000;
    public static final int IMAP_CHUNKSIZE = 64;

    /** The trivial task: one multiplication. A static method reference, so it travels by name. */
    static int square(int x) {
        return x * x;
    }

    static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().collect(Collectors.toList());
    }

    /**
     * {@code Pool(4)}, the first {@code apply} of a trivial task, {@code terminate()}: a whole pool's life, cold
     * children every time. The parent JVM is warm after the warm-up iterations, as CPython's interpreter is.
     */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 4, time = 3)
    @Fork(1)
    public int startup() {
        Pool pool = new Pool(4);
        try {
            return pool.apply(PoolBench::square, 7);
        } finally {
            pool.terminate();
        }
    }

    /** A warm {@code Pool(2)}, shared by the benchmarks below; the items are made once, outside the timing. */
    @State(Scope.Benchmark)
    public static class WarmPool {
        Pool pool;
        List<Integer> tinyItems;
        List<Integer> chunk1Items;
        List<Integer> imapItems;

        @Setup(Level.Trial)
        public void start() {
            pool = new Pool(2);
            tinyItems = range(MAP_TINY_ITEMS);
            chunk1Items = range(MAP_CHUNK1_ITEMS);
            imapItems = range(IMAP_ITEMS);
            // both workers up and past their first task before the first warm-up iteration
            pool.map(PoolBench::square, range(1_000), 1);
        }

        @TearDown(Level.Trial)
        public void stop() {
            pool.close();
        }
    }

    /** One {@code apply} of a trivial static method: parent → worker → parent. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    @Fork(1)
    public int applyRoundTrip(WarmPool state) {
        return state.pool.apply(PoolBench::square, 7);
    }

    /** {@code map(square, 200 000 items)} with the default chunk size. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    @Fork(1)
    public List<Integer> mapTiny(WarmPool state) {
        return state.pool.map(PoolBench::square, state.tinyItems);
    }

    /** {@code map(square, 20 000 items, chunksize=1)}: one task per item. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    @Fork(1)
    public List<Integer> mapChunk1(WarmPool state) {
        return state.pool.map(PoolBench::square, state.chunk1Items, 1);
    }

    /** {@code imap_unordered(square, 100 000 items, chunksize=64)}, every result consumed. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    @Fork(1)
    public long imapUnordered(WarmPool state) {
        IMapIterator<Integer> results = state.pool.imapUnordered(PoolBench::square, state.imapItems, IMAP_CHUNKSIZE);
        long sum = 0;
        int count = 0;
        for (Integer r : results) {
            sum += r;
            count++;
        }
        if (count != IMAP_ITEMS) throw new IllegalStateException("imapUnordered yielded " + count + " results");
        return sum;
    }
}
