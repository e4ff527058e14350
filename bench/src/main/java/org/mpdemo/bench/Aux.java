package org.mpdemo.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Figures a JMH score cannot carry — the CPU of a blocked waiter, the loop time measured inside the children —
 * written as JSON lines to {@code <bench.aux>/aux.jsonl} ({@code -Dbench.aux=DIR}, which {@code run-compare.sh}
 * passes to the JMH forks with {@code -jvmArgsAppend}) and printed to standard output either way.
 *
 * <p>Not an {@code mpdemo.*} property on purpose: those are handed on to every child JVM.
 */
final class Aux {
    private Aux() {
    }

    /** Appends {@code {"benchmark": name, "pinned": …, key: value …}} to the aux file and prints it. */
    static synchronized void record(String benchmark, Map<String, Object> values) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("benchmark", benchmark);
        all.put("affinity", affinity());
        all.putAll(values);
        String line = all.entrySet().stream()
                .map(e -> quote(e.getKey()) + ": " + json(e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
        System.out.println("aux: " + line);
        String dir = System.getProperty("bench.aux");
        if (dir == null || dir.isBlank()) return;
        try {
            Files.createDirectories(Path.of(dir));
            Files.writeString(Path.of(dir, "aux.jsonl"), line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("aux: cannot write to " + dir + ": " + e);
        }
    }

    private static String json(Object v) {
        if (v == null) return "null";
        if (v instanceof Double d) return String.format(Locale.ROOT, "%.6g", d);
        if (v instanceof Number || v instanceof Boolean) return v.toString();
        if (v instanceof List<?> list) return list.stream().map(Aux::json).collect(Collectors.joining(", ", "[", "]"));
        return quote(v.toString());
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** The CPUs this process may run on ({@code Cpus_allowed_list} of /proc/self/status), e.g. "0" or "0-1". */
    static String affinity() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Cpus_allowed_list:")) return line.substring(line.indexOf(':') + 1).trim();
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return "?";
    }

    /** Clock ticks per second of {@code /proc/PID/stat} (USER_HZ): 100 on every Linux that matters. */
    static final long CLK_TCK = 100;

    /** utime + stime of process {@code pid} (all its threads, live or ended), in clock ticks; -1 if unreadable. */
    static long statTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) may contain spaces: count fields after its closing parenthesis
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15: utime, stime
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** CPU time of the live threads of {@code pid}, in ns, from {@code /proc/PID/task/*\/schedstat}; -1 if unreadable. */
    static long schedNanos(long pid) {
        long nanos = 0;
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    nanos += Long.parseLong(Files.readString(task.resolve("schedstat")).trim().split(" ")[0]);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return nanos;
    }

    /**
     * How much CPU process {@code pid} uses over {@code millis} ms while the caller leaves it alone: percent of one
     * core, both from {@code /proc/PID/stat} (utime + stime, 10 ms ticks) and from the threads' schedstat (ns).
     */
    static Map<String, Object> idleCpu(long pid, long millis) {
        long ticks0 = statTicks(pid);
        long sched0 = schedNanos(pid);
        long t0 = System.nanoTime();
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long elapsed = System.nanoTime() - t0;
        long ticks1 = statTicks(pid);
        long sched1 = schedNanos(pid);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("window_s", elapsed / 1e9);
        out.put("stat_ticks", ticks1 - ticks0);
        out.put("cpu_pct_stat", 100.0 * (ticks1 - ticks0) / CLK_TCK / (elapsed / 1e9));
        out.put("cpu_pct_schedstat", 100.0 * (sched1 - sched0) / elapsed);
        return out;
    }

    /**
     * Waits (at most {@code timeoutMillis}) until the given processes have stopped using CPU: less than 1 ms of CPU
     * between them over a 50 ms window. A child JVM that has reached a barrier may still be loading the futex
     * binding (JNA, ≈ 100 ms) or compiling its start-up code in the background; timing must not start before
     * that is over. Returns the milliseconds waited.
     */
    static double settle(long timeoutMillis, long... pids) {
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        long before = 0;
        for (long pid : pids) before += schedNanos(pid);
        while (System.nanoTime() < deadline) {
            SyncBench.sleepMillis(50);
            long now = 0;
            for (long pid : pids) now += schedNanos(pid);
            if (now - before < 1_000_000) break;
            before = now;
        }
        return (System.nanoTime() - t0) / 1e6;
    }
}
