package org.mpdemo.demos.pool;

import static org.mpdemo.demos.Tutorial.range;
import static org.mpdemo.demos.Tutorial.tasks;
import static org.mpdemo.demos.Tutorial.workers;

import org.mpdemo.demos.Demo;
import org.mpdemo.multiprocessing.errors.WorkerDiedError;
import org.mpdemo.multiprocessing.pool.Pool;

/**
 * A task kills its own worker process in the middle of a {@code map}.
 *
 * <p>CPython's pool replaces the dead worker but never tells {@code map}: the program hangs for ever. Expect
 * here: {@code map} raises a {@code WorkerDiedError} naming the dead worker's pid and exit status as soon as the
 * other tasks are done, and the pool, with a fresh worker, goes on serving. Exit status 0.
 *
 * <p>Run: {@code ./mpdemo run pool-worker-crash}
 */
@Demo(id = "pool-worker-crash", topic = "pool", order = 1,
        summary = "a task kills its worker: a clear error instead of CPython's hang, and the pool serves on")
// tag::program[]
public final class PoolWorkerCrash {

    /** Squares its argument; task 3 ends its own process instead, as Python's os._exit(1) would. */
    static int task(int identifier) {
        if (identifier == 3) {
            System.out.println("Task 3 ends its worker process.");
            System.out.flush();
            Runtime.getRuntime().halt(1);
        }
        return identifier * identifier;
    }

    static int square(int x) {
        return x * x;
    }

    public static void main(String[] args) {
        try (var pool = new Pool(workers(2))) {
            var items = range(tasks(8)).toList();
            try {
                System.out.println(pool.map(PoolWorkerCrash::task, items));
            } catch (WorkerDiedError error) {
                System.out.println("map raised WorkerDiedError: " + error.getMessage());
            }
            // Answer: the dead worker has been replaced, and the same pool still works
            System.out.println("The pool still serves: " + pool.map(PoolWorkerCrash::square, items));
        }
    }
}
// end::program[]
