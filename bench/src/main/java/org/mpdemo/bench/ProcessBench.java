package org.mpdemo.bench;

import java.util.concurrent.TimeUnit;
import org.mpdemo.multiprocessing.Process;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code new Process(fn).start(); join()} of a function that does nothing: a child JVM's whole life, from the
 * parent's point of view. Compared with CPython's {@code spawn} context (also a fresh interpreter) and, for
 * information, {@code fork}. One process per JMH iteration ({@link Mode#SingleShotTime}); compare.py takes the
 * median of the iterations. Unpinned: a start-up uses both cores.
 */
public class ProcessBench {
    static void nothing() {
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 5)
    @Measurement(iterations = 25)
    @Fork(1)
    public Integer startJoin() {
        Process p = new Process(ProcessBench::nothing);
        p.start();
        p.join();
        return p.exitCode();
    }
}
