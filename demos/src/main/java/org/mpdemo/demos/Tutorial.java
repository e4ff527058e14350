package org.mpdemo.demos;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.mpdemo.multiprocessing.Schedules;
import org.mpdemo.multiprocessing.trace.TaskRef;

/**
 * The few Python built-ins the tutorials' programs lean on, made controllable from the command line.
 *
 * <p>Settings travel to every child process as {@code mpdemo.*} system properties: {@code mpdemo.timeScale}
 * multiplies every {@link #sleep}, {@code mpdemo.seed} makes every {@link #random()} reproducible — the value a
 * task draws depends only on the seed and on which task it is, not on which worker ran it — and
 * {@code mpdemo.workers} / {@code mpdemo.tasks} override a demo's pool size and task count.
 */
public final class Tutorial {
    private static final ThreadLocal<Stream> STREAM = new ThreadLocal<>();

    private record Stream(TaskRef task, SplittableRandom random) {
    }

    private Tutorial() {
    }

    /** Python's {@code range(n)}, as a stream of boxed integers. */
    public static java.util.stream.Stream<Integer> range(int n) {
        return IntStream.range(0, n).boxed();
    }

    /** Python's {@code random.random()}: a double in [0, 1). */
    public static double random() {
        String seed = System.getProperty("mpdemo.seed");
        if (seed == null) return ThreadLocalRandom.current().nextDouble();
        TaskRef task = TaskRef.current();
        Stream stream = STREAM.get();
        if (stream == null || !java.util.Objects.equals(stream.task(), task)) {
            long key = Long.parseLong(seed);
            if (task != null) key = key * 1_000_003L + task.job() * 7919L + task.index() + 1;
            stream = new Stream(task, new SplittableRandom(key));
            STREAM.set(stream);
        }
        return stream.random().nextDouble();
    }

    /** Python's {@code time.sleep(seconds)}, multiplied by the time scale. */
    public static void sleep(double seconds) {
        long nanos = (long) (seconds * timeScale() * 1e9);
        if (nanos <= 0) return;
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The condition programs' pause before they notify: {@code seconds} (scaled), and then, however small the
     * scale, until {@code waiters} tasks wait on {@code condition} (at most 60 s). CPython loses the wake-up and
     * hangs when the pause is too short for the tasks to start waiting; a scaled run here never does.
     */
    public static void pauseBeforeNotify(double seconds, org.mpdemo.multiprocessing.shared.Condition condition,
                                         int waiters) {
        sleep(seconds);
        waitUntil(() -> condition.waiting() >= waiters, 60);
    }

    /**
     * Checks {@code done} every millisecond until it holds or {@code timeout} seconds (not scaled) pass; returns
     * whether it held. For a demo's pacing only: what it watches offers nothing to block on.
     */
    public static boolean waitUntil(java.util.function.BooleanSupplier done, double timeout) {
        long deadline = System.nanoTime() + (long) (timeout * 1e9);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) return false;
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
        return true;
    }

    /** The factor applied to every sleep (1: the tutorial's timing). */
    public static double timeScale() {
        return Double.parseDouble(System.getProperty("mpdemo.timeScale", "1"));
    }

    /**
     * Whether the demo runs in its reliable mode ({@code --reliable}): a race demo then makes its race show on
     * every run instead of sometimes, for statistics and for {@code mpdemo verify}.
     */
    public static boolean reliable() {
        return Boolean.getBoolean("mpdemo.reliable");
    }

    /** The pool size: the tutorial's, unless {@code --workers} overrides it. */
    public static int workers(int tutorialDefault) {
        return Integer.getInteger("mpdemo.workers", tutorialDefault);
    }

    /** The number of tasks: the tutorial's, unless {@code --tasks} overrides it. */
    public static int tasks(int tutorialDefault) {
        return Integer.getInteger("mpdemo.tasks", tutorialDefault);
    }

    /** How many updates each process of a race demo makes: the tutorial's, unless {@code --ops} overrides it. */
    public static int ops(int tutorialDefault) {
        return Integer.getInteger("mpdemo.ops", tutorialDefault);
    }

    /**
     * How many rounds a race demo makes: the tutorial's, or under {@code mpdemo explore} as many as it takes to
     * run every schedule once (asked again before each round).
     */
    public static int rounds(int tutorialDefault) {
        if (Schedules.stepping()) return 1; // mpdemo step: one round, played by the class
        if (!Schedules.exploring()) return tutorialDefault;
        return Schedules.explorationDone() ? 0 : Integer.MAX_VALUE;
    }

    /** Python's {@code str(float)}: {@code 0.0005} rather than Java's {@code 5.0E-4}. */
    public static String str(double value) {
        if (Double.isNaN(value)) return "nan";
        if (Double.isInfinite(value)) return value > 0 ? "inf" : "-inf";
        double magnitude = Math.abs(value);
        if (value == 0 || (magnitude >= 1e-4 && magnitude < 1e16)) {
            String plain = new BigDecimal(Double.toString(value)).toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(value));
        String digits = exact.unscaledValue().abs().toString().replaceAll("0+$", "");
        int exponent = exact.precision() - exact.scale() - 1;
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (value < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
                + String.format("%02d", Math.abs(exponent));
    }
}
