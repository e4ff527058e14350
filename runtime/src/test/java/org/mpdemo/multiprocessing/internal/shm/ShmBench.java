package org.mpdemo.multiprocessing.internal.shm;

import java.util.Arrays;
import org.mpdemo.multiprocessing.Process;
import org.mpdemo.multiprocessing.shared.Array;
import org.mpdemo.multiprocessing.shared.Lock;
import org.mpdemo.multiprocessing.shared.RLock;
import org.mpdemo.multiprocessing.shared.Semaphore;
import org.mpdemo.multiprocessing.shared.Value;

/**
 * Figures for the shared-memory primitives (not a test): uncontended costs and cross-process wake-up latency.
 *
 * <pre>
 * mvn -B -q -o -pl runtime test-compile
 * java -cp "runtime/target/test-classes:runtime/target/classes:$HOME/.m2/repository/net/java/dev/jna/jna/5.17.0/jna-5.17.0.jar" \
 *     org.mpdemo.multiprocessing.internal.shm.ShmBench
 * </pre>
 */
public final class ShmBench {
    private ShmBench() {
    }

    static volatile long sink;

    /**
     * CPU time of this thread: the machine is shared, and wall time would count the time we were descheduled.
     */
    private static long cpu() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    public static void main(String[] args) {
        int iterations = 20_000_000;
        Lock lock = new Lock();
        RLock rlock = new RLock();
        Value locked = new Value('i', 0);
        Value raw = Value.raw('i', 0);
        for (int round = 0; round < 5; round++) {
            long t = cpu();
            for (int i = 0; i < iterations; i++) {
                lock.acquire();
                lock.release();
            }
            long lockNs = cpu() - t;
            t = cpu();
            for (int i = 0; i < iterations; i++) {
                rlock.acquire();
                rlock.release();
            }
            long rlockNs = cpu() - t;
            t = cpu();
            for (int i = 0; i < iterations / 10; i++) locked.setInt(locked.getInt() + 1);
            long lockedNs = (cpu() - t) * 10;
            t = cpu();
            for (int i = 0; i < iterations; i++) raw.incrementAndGet();
            long casNs = cpu() - t;
            sink = raw.getLong() + locked.getLong();
            System.out.printf("uncontended, CPU ns/op: Lock acquire+release %.1f, RLock %.1f, "
                    + "Value('i') locked get+set %.1f, incrementAndGet (CAS, no lock) %.1f%n",
                    (double) lockNs / iterations, (double) rlockNs / iterations, (double) lockedNs / iterations,
                    (double) casNs / iterations);
        }
        System.out.println("futex in use: " + Futex.available());
        pingPong(400, 0.002, "waiter asleep in the kernel (2 ms pause before each release)");
        pingPong(2000, 0, "back-to-back hand-over (waiter may still be spinning)");
    }

    static void echo(Semaphore go, Semaphore done, Array stamps) {
        for (int i = 0; i < stamps.length(); i++) {
            go.acquire();
            stamps.setLong(i, System.nanoTime());
            done.release();
        }
    }

    private static void pingPong(int rounds, double pause, String what) {
        Semaphore go = new Semaphore(0);
        Semaphore done = new Semaphore(0);
        Semaphore never = new Semaphore(0);
        Array stamps = Array.raw('q', rounds);
        long[] sent = new long[rounds];
        Process child = new Process(ShmBench::echo, go, done, stamps).start();
        for (int i = 0; i < rounds; i++) {
            if (pause > 0) never.acquire(true, pause);
            sent[i] = System.nanoTime();
            go.release();
            done.acquire();
        }
        child.join();
        int warm = rounds / 10; // the child's first rounds run interpreted
        long[] latency = new long[rounds - warm];
        for (int i = warm; i < rounds; i++) latency[i - warm] = stamps.getLong(i) - sent[i];
        Arrays.sort(latency);
        System.out.printf("wake-up latency, %s: median %d us, p90 %d us, min %d us, max %d us (%d rounds)%n", what,
                latency[latency.length / 2] / 1000, latency[latency.length * 9 / 10] / 1000, latency[0] / 1000,
                latency[latency.length - 1] / 1000, latency.length);
    }
}
