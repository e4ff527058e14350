package org.mpdemo.bench;

import java.util.concurrent.TimeUnit;
import org.mpdemo.multiprocessing.Process;
import org.mpdemo.multiprocessing.shared.Barrier;
import org.mpdemo.multiprocessing.shared.Queue;
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
 * {@link Queue} throughput: one producer process puts {@value #ITEMS} small items (Integers), the parent gets them
 * all. As in {@link SyncBench}, the producer is started in each iteration's set-up and parked on a barrier; the
 * score is <em>barrier release → last item taken by the parent</em>, per item ({@code compare.py}: items/s).
 * {@code bench/python/sync_bench.py queue} measures CPython's {@code multiprocessing.Queue} the same way.
 * {@code run-compare.sh} runs it under {@code taskset -c 0} (a hand-off between two processes).
 */
public class QueueBench {
    public static final int ITEMS = 200_000;

    static void produce(Queue<Integer> queue, Barrier barrier, Integer n) {
        barrier.await();
        for (int i = 0; i < n; i++) queue.put(i);
    }

    @State(Scope.Benchmark)
    public static class Producer {
        Queue<Integer> queue;
        Barrier barrier;
        Process producer;

        @Setup(Level.Trial)
        public void create() {
            queue = new Queue<>();
            barrier = new Barrier(2);
        }

        @Setup(Level.Iteration)
        public void startProducer() {
            producer = new Process(QueueBench::produce, queue, barrier, ITEMS).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (barrier.nWaiting() < 1) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("producer did not reach the barrier");
                SyncBench.sleepMillis(1);
            }
            Aux.settle(10_000, producer.pid()); // see SyncBench: JNA loading and start-up compilation are over
        }

        @TearDown(Level.Iteration)
        public void joinProducer() {
            producer.join(60);
            if (producer.exitCode() == null || producer.exitCode() != 0) {
                throw new IllegalStateException(producer + " failed");
            }
            if (!queue.empty()) throw new IllegalStateException("items left in the queue");
        }
    }

    /** Release the producer, take {@value #ITEMS} items. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OperationsPerInvocation(ITEMS)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Warmup(iterations = 2)
    @Measurement(iterations = 7)
    @Fork(1)
    public long throughput(Producer state) {
        state.barrier.await();
        long sum = 0;
        for (int i = 0; i < ITEMS; i++) sum += state.queue.get();
        long expected = (long) ITEMS * (ITEMS - 1) / 2;
        if (sum != expected) throw new IllegalStateException("sum " + sum + ", expected " + expected);
        return sum;
    }
}
