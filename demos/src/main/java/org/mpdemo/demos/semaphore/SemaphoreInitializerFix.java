package org.mpdemo.demos.semaphore;

import static org.mpdemo.demos.Tutorial.random;
import static org.mpdemo.demos.Tutorial.range;
import static org.mpdemo.demos.Tutorial.sleep;
import static org.mpdemo.demos.Tutorial.str;
import static org.mpdemo.demos.Tutorial.tasks;
import static org.mpdemo.demos.Tutorial.workers;

import org.mpdemo.demos.Demo;
import org.mpdemo.multiprocessing.pool.Pool;
import org.mpdemo.multiprocessing.shared.Semaphore;

/**
 * The semaphore handed to each worker by the pool's initializer.
 *
 * <p>The tutorial says this fails. It does not, in CPython or here: initializer arguments travel while each
 * worker process starts — the one moment a primitive may travel — so every worker receives the same semaphore.
 * Expect ten lines {@code Task <i> completed with <value>} and never more than two tasks inside at once, under
 * the default {@code spawn} start method.
 *
 * <p>Run: {@code ./mpdemo run semaphore-initializer-fix}
 */
@Demo(id = "semaphore-initializer-fix", topic = "semaphore", order = 5,
        summary = "the fix the tutorial says fails: the pool initializer hands it over")
// tag::program[]
public final class SemaphoreInitializerFix {

    /** Each worker's reference to the shared semaphore, set by init below. */
    static Semaphore semaphore;

    /** Runs once in each worker as it starts. */
    static void init(Semaphore shared) {
        semaphore = shared;
    }

    static void task(int identifier) {
        try (var held = semaphore.hold()) {
            double value = random();
            sleep(value);
            System.out.println("Task " + identifier + " completed with " + str(value));
        }
    }

    public static void main(String[] args) {
        var shared = new Semaphore(2);
        try (var pool = Pool.builder().processes(workers(4))
                .initializer(SemaphoreInitializerFix::init, shared).build()) {
            var result = pool.mapAsync(SemaphoreInitializerFix::task, range(tasks(10)).toList());
            result.await();
        }
    }
}
// end::program[]
