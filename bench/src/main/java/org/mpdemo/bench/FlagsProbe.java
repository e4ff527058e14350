package org.mpdemo.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mpdemo.multiprocessing.pool.Pool;

/**
 * Compares sets of child JVM flags side by side (bench/RESULTS.md, "Start-up flags"). On a shared 2-core machine
 * other work comes and goes; so the variants are <em>interleaved</em> — round 1 of every variant, then round 2 of
 * every variant … — and each is summarised by its median and its lower quartile, which a passing burst of other
 * work disturbs least.
 *
 * <p>Each variant is a line of the file given as {@code variants=FILE}: extra child flags, exactly as for
 * {@code -Dmpdemo.child.jvmArgs} (read by the runtime at every child start), or {@code -} for none. Per variant:
 * <ul>
 *   <li>{@code Pool(workers)} start → first {@code apply} result, and the workers' CPU time at that moment
 *       ({@code runs} rounds after {@code warmup});</li>
 *   <li>with {@code map=true}: a warm {@code Pool(2)} per variant, all alive at once, taking turns at
 *       {@code map(square, 200 000 items)} and at 500 {@code apply} round trips ({@code mapRuns} turns each
 *       after 20 warm-up turns): the steady state, which a start-up flag must not spoil.</li>
 * </ul>
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.mpdemo.bench.FlagsProbe variants=FILE [workers=4] [runs=15]
 *      [warmup=3] [map=true] [mapRuns=30]
 * </pre>
 */
public final class FlagsProbe {
    private FlagsProbe() {
    }

    public static void main(String[] args) throws IOException {
        List<String> variants = null;
        int workers = 4;
        int runs = 15;
        int warmup = 3;
        boolean map = false;
        int mapRuns = 30;
        for (String a : args) {
            String[] kv = a.split("=", 2);
            switch (kv[0]) {
                case "variants" -> variants = readVariants(Path.of(kv[1]));
                case "workers" -> workers = Integer.parseInt(kv[1]);
                case "runs" -> runs = Integer.parseInt(kv[1]);
                case "warmup" -> warmup = Integer.parseInt(kv[1]);
                case "map" -> map = Boolean.parseBoolean(kv[1]);
                case "mapRuns" -> mapRuns = Integer.parseInt(kv[1]);
                default -> throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        if (variants == null) throw new IllegalArgumentException("variants=FILE is required");

        Map<String, List<Double>> first = new LinkedHashMap<>();
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        Map<String, List<Double>> mapTiny = new LinkedHashMap<>();
        Map<String, List<Double>> apply = new LinkedHashMap<>();
        for (String v : variants) {
            apply.put(v, new ArrayList<>());
            first.put(v, new ArrayList<>());
            cpu.put(v, new ArrayList<>());
            mapTiny.put(v, new ArrayList<>());
        }
        for (int round = 0; round < warmup + runs; round++) {
            for (String v : variants) {
                System.setProperty("mpdemo.child.jvmArgs", v);
                long t0 = System.nanoTime();
                Pool pool = new Pool(workers);
                pool.apply(PoolBench::square, 7);
                long t1 = System.nanoTime();
                double used = 0;
                for (long pid : pool.workerPids()) used += StartupProbe.cpuMillis(pid);
                pool.terminate();
                if (round >= warmup) {
                    first.get(v).add((t1 - t0) / 1e6);
                    cpu.get(v).add(used);
                }
            }
        }
        if (map) {
            List<Integer> items = PoolBench.range(PoolBench.MAP_TINY_ITEMS);
            List<Pool> pools = new ArrayList<>();
            try {
                for (String v : variants) {
                    System.setProperty("mpdemo.child.jvmArgs", v);
                    Pool pool = new Pool(2);
                    pool.map(PoolBench::square, PoolBench.range(1_000), 1);
                    pools.add(pool);
                }
                for (int round = 0; round < 20 + mapRuns; round++) {
                    for (int i = 0; i < variants.size(); i++) {
                        long t0 = System.nanoTime();
                        pools.get(i).map(PoolBench::square, items);
                        long t1 = System.nanoTime();
                        for (int k = 0; k < 500; k++) pools.get(i).apply(PoolBench::square, k);
                        long t2 = System.nanoTime();
                        if (round >= 20) {
                            mapTiny.get(variants.get(i)).add((t1 - t0) / 1e6);
                            apply.get(variants.get(i)).add((t2 - t1) / 1e3 / 500);
                        }
                    }
                }
            } finally {
                for (Pool p : pools) p.terminate();
                System.clearProperty("mpdemo.child.jvmArgs");
            }
        }
        for (String v : variants) {
            StringBuilder line = new StringBuilder();
            line.append(String.format(Locale.ROOT, "{\"flags\": \"%s\", \"workers\": %d, \"runs\": %d, "
                            + "\"first_result_ms_median\": %.1f, \"first_result_ms_p25\": %.1f, "
                            + "\"children_cpu_ms_median\": %.1f, \"children_cpu_ms_p25\": %.1f",
                    v.replace("\"", "\\\""), workers, runs, quantile(first.get(v), 0.5),
                    quantile(first.get(v), 0.25), quantile(cpu.get(v), 0.5), quantile(cpu.get(v), 0.25)));
            if (map) {
                line.append(String.format(Locale.ROOT, ", \"mapTiny_ms_median\": %.2f, \"mapTiny_ms_p25\": %.2f, "
                                + "\"apply_us_median\": %.1f, \"apply_us_p25\": %.1f",
                        quantile(mapTiny.get(v), 0.5), quantile(mapTiny.get(v), 0.25),
                        quantile(apply.get(v), 0.5), quantile(apply.get(v), 0.25)));
            }
            System.out.println(line.append('}'));
        }
    }

    private static List<String> readVariants(Path file) throws IOException {
        List<String> variants = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String v = line.strip();
            if (v.isEmpty() || v.startsWith("#")) continue;
            variants.add(v.equals("-") ? "" : v);
        }
        return variants;
    }

    /** The q-quantile by linear interpolation between closest ranks. */
    static double quantile(List<Double> values, double q) {
        if (values.isEmpty()) return Double.NaN;
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        double pos = q * (sorted.size() - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted.get(lo) + (sorted.get(hi) - sorted.get(lo)) * (pos - lo);
    }
}
