package org.mpdemo.demos.lock;

import static org.mpdemo.demos.Tutorial.random;
import static org.mpdemo.demos.Tutorial.range;
import static org.mpdemo.demos.Tutorial.sleep;
import static org.mpdemo.demos.Tutorial.str;
import static org.mpdemo.demos.Tutorial.tasks;
import static org.mpdemo.demos.Tutorial.workers;

import org.mpdemo.demos.Demo;
import org.mpdemo.multiprocessing.Multiprocessing;
import org.mpdemo.multiprocessing.pool.Pool;
import org.mpdemo.multiprocessing.shared.Lock;

/**
 * The inherited-global program, started with {@code spawn} instead of {@code fork}.
 *
 * <p>Expect no output at all and exit status 0 — as CPython under spawn. A spawned worker is a fresh process:
 * it loads this class, whose initializer leaves {@code lock} null; the assignment in {@code main} happened
 * only in the parent. Every task fails in its worker (CPython: {@code NameError: name 'lock' is not defined};
 * here a {@code NullPointerException}), and {@code await()} does not look at the errors.
 *
 * <p>Run: {@code ./mpdemo run inherited-global-spawn}
 */
@Demo(id = "inherited-global-spawn", topic = "lock", order = 6,
        summary = "the inherited-global program under spawn: the global is missing, silently")
// tag::program[]
public final class InheritedGlobalSpawn {

    /** Assigned in main. */
    // Answer: in the parent only: a spawned worker starts afresh and sees null
    static Lock lock;

    static void task(int identifier) {
        try (var held = lock.hold()) {
            double value = random();
            sleep(value);
            System.out.println("Task " + identifier + " completed with " + str(value));
        }
    }

    public static void main(String[] args) {
        Multiprocessing.setStartMethod("spawn");
        lock = new Lock();
        try (var pool = new Pool(workers(4))) {
            var result = pool.mapAsync(InheritedGlobalSpawn::task, range(tasks(10)).toList());
            result.await();
        }
    }
}
// end::program[]
