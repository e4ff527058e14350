package org.mpdemo.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.mpdemo.multiprocessing.pool.Pool;

/**
 * Start-up broken into phases, for choosing child JVM flags (bench/RESULTS.md, "Start-up flags"). Not a JMH
 * benchmark: it times {@code new Pool(n)}, the first {@code apply} and {@code terminate()} separately, which a
 * single JMH score cannot, and optionally the warm {@code mapTiny} time, so one run shows what a flag gives at
 * start and what it costs in steady state.
 *
 * <p>Try a flag without rebuilding: child flags in {@code -Dmpdemo.child.jvmArgs=...} come after the built-in
 * ones, so they add to or override them (the last of two contradicting {@code -XX} flags wins).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar [-Dmpdemo.child.jvmArgs="-XX:TieredStopAtLevel=1"] \
 *      org.mpdemo.bench.StartupProbe [workers=4] [runs=20] [warmup=5] [map=true] [train=true]
 * </pre>
 *
 * Prints one JSON line: medians in milliseconds. {@code children_cpu_ms} is the CPU time the workers had used
 * when the first result arrived, summed over the workers: less sensitive to other load on the machine than
 * wall-clock time (with several workers, some may still be starting at that moment).
 *
 * <p>{@code train=true} instead runs one pool whose workers exit normally ({@code shutdown()} and {@code join()}),
 * so that a child flag such as {@code -XX:ArchiveClassesAtExit=FILE} gets the chance to write its archive.
 */
public final class StartupProbe {
    private StartupProbe() {
    }

    public static void main(String[] args) {
        int workers = 4;
        int runs = 20;
        int warmup = 5;
        boolean map = false;
        boolean train = false;
        for (String a : args) {
            String[] kv = a.split("=", 2);
            switch (kv[0]) {
                case "workers" -> workers = Integer.parseInt(kv[1]);
                case "runs" -> runs = Integer.parseInt(kv[1]);
                case "warmup" -> warmup = Integer.parseInt(kv[1]);
                case "map" -> map = Boolean.parseBoolean(kv[1]);
                case "train" -> train = Boolean.parseBoolean(kv[1]);
                default -> throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        if (train) {
            // one pool whose workers exit normally (shutdown + join), e.g. to let -XX:ArchiveClassesAtExit dump
            Pool pool = new Pool(workers);
            pool.apply(PoolBench::square, 7);
            pool.map(PoolBench::square, PoolBench.range(10_000));
            pool.shutdown();
            pool.join();
            return;
        }
        List<Double> ctor = new ArrayList<>();
        List<Double> first = new ArrayList<>();
        List<Double> term = new ArrayList<>();
        List<Double> total = new ArrayList<>();
        List<Double> childCpu = new ArrayList<>();
        for (int i = 0; i < warmup + runs; i++) {
            long t0 = System.nanoTime();
            Pool pool = new Pool(workers);
            long t1 = System.nanoTime();
            pool.apply(PoolBench::square, 7);
            long t2 = System.nanoTime();
            double cpu = 0;
            for (long pid : pool.workerPids()) cpu += cpuMillis(pid);
            pool.terminate();
            long t3 = System.nanoTime();
            if (i >= warmup) {
                ctor.add((t1 - t0) / 1e6);
                first.add((t2 - t0) / 1e6);
                term.add((t3 - t2) / 1e6);
                total.add((t3 - t0) / 1e6);
                childCpu.add(cpu);
            }
        }
        String mapTiny = "";
        if (map) {
            List<Integer> items = PoolBench.range(PoolBench.MAP_TINY_ITEMS);
            List<Double> times = new ArrayList<>();
            try (Pool pool = new Pool(2)) {
                pool.map(PoolBench::square, PoolBench.range(1_000), 1);
                for (int i = 0; i < 60; i++) {
                    long t0 = System.nanoTime();
                    pool.map(PoolBench::square, items);
                    if (i >= 20) times.add((System.nanoTime() - t0) / 1e6);
                }
            }
            mapTiny = String.format(Locale.ROOT, ", \"mapTiny_ms\": %.2f", median(times));
        }
        System.out.printf(Locale.ROOT, "{\"workers\": %d, \"runs\": %d, \"childJvmArgs\": \"%s\", \"ctor_ms\": %.2f, "
                        + "\"first_result_ms\": %.2f, \"terminate_ms\": %.2f, \"total_ms\": %.2f, "
                        + "\"children_cpu_ms\": %.1f%s}%n",
                workers, runs, System.getProperty("mpdemo.child.jvmArgs", ""), median(ctor), median(first),
                median(term), median(total), median(childCpu), mapTiny);
    }

    /**
     * CPU time used so far by the live threads of process {@code pid}, in ms: the sum of the first field of
     * {@code /proc/PID/task/TID/schedstat} (nanoseconds on a CPU). Threads that have already ended are not counted;
     * a young JVM's threads are all still alive. Linux only; 0 where it cannot be read.
     */
    static double cpuMillis(long pid) {
        long nanos = 0;
        try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc", Long.toString(pid), "task"))) {
            for (var task : (Iterable<java.nio.file.Path>) tasks::iterator) {
                try {
                    String stat = java.nio.file.Files.readString(task.resolve("schedstat")).trim();
                    nanos += Long.parseLong(stat.split(" ")[0]);
                } catch (java.io.IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
        return nanos / 1e6;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
