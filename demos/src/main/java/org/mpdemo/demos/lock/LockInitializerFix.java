package org.mpdemo.demos.lock;

import static org.mpdemo.demos.Tutorial.random;
import static org.mpdemo.demos.Tutorial.range;
import static org.mpdemo.demos.Tutorial.sleep;
import static org.mpdemo.demos.Tutorial.str;
import static org.mpdemo.demos.Tutorial.tasks;
import static org.mpdemo.demos.Tutorial.workers;

import org.mpdemo.demos.Demo;
import org.mpdemo.multiprocessing.pool.Pool;
import org.mpdemo.multiprocessing.shared.Lock;

/**
 * The lock handed to each worker by the pool's initializer.
 *
 * <p>The tutorial says this fails. It does not, in CPython or here: initializer arguments travel while each
 * worker process starts — the one moment a primitive may travel — so every worker receives the same lock.
 * Expect ten lines {@code Task <i> completed with <value>} and never more than one task inside at once, under
 * the default {@code spawn} start method.
 *
 * <p>Run: {@code ./mpdemo run lock-initializer-fix}
 */
@Demo(id = "lock-initializer-fix", topic = "lock", order = 5,
        summary = "the fix the tutorial says fails: the pool initializer hands it over")
// tag::program[]
public final class LockInitializerFix {

    /** Each worker's reference to the shared lock, set by init below. */
    static Lock lock;

    /** Runs once in each worker as it starts. */
    static void init(Lock shared) {
        lock = shared;
    }

    static void task(int identifier) {
        try (var held = lock.hold()) {
            double value = random();
            sleep(value);
            System.out.println("Task " + identifier + " completed with " + str(value));
        }
    }

    public static void main(String[] args) {
        var shared = new Lock();
        try (var pool = Pool.builder().processes(workers(4))
                .initializer(LockInitializerFix::init, shared).build()) {
            var result = pool.mapAsync(LockInitializerFix::task, range(tasks(10)).toList());
            result.await();
        }
    }
}
// end::program[]
