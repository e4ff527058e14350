package org.mpdemo.demos.manager;

import static org.mpdemo.demos.Tutorial.ops;
import static org.mpdemo.demos.Tutorial.range;
import static org.mpdemo.demos.Tutorial.tasks;
import static org.mpdemo.demos.Tutorial.workers;
import static org.mpdemo.multiprocessing.Args.args;

import java.util.concurrent.BrokenBarrierException;
import org.mpdemo.demos.Demo;
import org.mpdemo.demos.RaceOutcomes;
import org.mpdemo.multiprocessing.managers.BarrierProxy;
import org.mpdemo.multiprocessing.managers.Manager;
import org.mpdemo.multiprocessing.managers.ValueProxy;
import org.mpdemo.multiprocessing.pool.Pool;

/**
 * A manager does not make {@code value = value + 1} atomic.
 *
 * <p>Expect two lines: {@code Expected 4000, got <n>} with {@code n} well below 4000 (it changes from run to run),
 * then {@code Expected 4000, got 4000}; exit status 0.
 *
 * <p>Why: four tasks each add 1 to a manager's {@code Value} a thousand times. {@code counter.get()} and
 * {@code counter.set(...)} are two separate calls to the manager; between them another process can read the same
 * old value, and then both write the same new one — one increment is lost. The manager serializes each call, not
 * the pair. The second run holds the value's lock ({@code counter.getLock()}, a manager RLock) around the pair,
 * so no other task can come between the read and the write, and no increment is lost.
 *
 * <p>The tasks wait at a manager barrier before counting, so that they overlap as they would on a machine with a
 * free core for each; a task that cannot reach it within 10 s (more tasks than workers) counts on alone.
 *
 * <p>Run: {@code ./mpdemo run manager-value-race}
 */
@Demo(id = "manager-value-race", topic = "manager", order = 1,
        summary = "value.set(value.get() + 1) through a manager still loses updates; its lock fixes it")
@RaceOutcomes(line = "Expected 4000, got \\d+", expected = "Expected 4000, got 4000")
// tag::program[]
public final class ManagerValueRace {
    static final int INCREMENTS = ops(1000);

    /** Read, add one, write back: two calls to the manager. */
    // Answer: another task's read and write fit between the two calls, and its update is lost
    static void increment(ValueProxy<Integer> counter, BarrierProxy start) {
        startTogether(start);
        for (int i = 0; i < INCREMENTS; i++) {
            counter.set(counter.get() + 1);
        }
    }

    /** The same, holding the value's lock around the read and the write. */
    static void incrementLocked(ValueProxy<Integer> counter, BarrierProxy start) {
        startTogether(start);
        var lock = counter.getLock();
        for (int i = 0; i < INCREMENTS; i++) {
            try (var held = lock.hold()) {
                counter.set(counter.get() + 1);
            }
        }
    }

    private static void startTogether(BarrierProxy start) {
        try {
            start.await(10);
        } catch (BrokenBarrierException e) {
            // not all tasks could start at once: count anyway
        }
    }

    public static void main(String[] args) {
        int workers = workers(4);
        int tasks = tasks(4);
        try (var manager = new Manager(); var pool = new Pool(workers)) {
            for (boolean locked : new boolean[] {false, true}) {
                ValueProxy<Integer> counter = manager.value("i", 0);
                BarrierProxy start = manager.barrier(Math.min(tasks, workers));
                var items = range(tasks).map(i -> args(counter, start)).toList();
                var result = locked ? pool.starmapAsync(ManagerValueRace::incrementLocked, items)
                        : pool.starmapAsync(ManagerValueRace::increment, items);
                result.get();
                System.out.println("Expected " + tasks * INCREMENTS + ", got " + counter.get());
            }
        }
    }
}
// end::program[]
