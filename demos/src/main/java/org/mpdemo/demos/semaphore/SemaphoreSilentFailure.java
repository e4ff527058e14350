package org.mpdemo.demos.semaphore;

import static org.mpdemo.demos.Tutorial.random;
import static org.mpdemo.demos.Tutorial.range;
import static org.mpdemo.demos.Tutorial.sleep;
import static org.mpdemo.demos.Tutorial.str;
import static org.mpdemo.demos.Tutorial.tasks;
import static org.mpdemo.demos.Tutorial.workers;
import static org.mpdemo.multiprocessing.Args.args;

import org.mpdemo.demos.Demo;
import org.mpdemo.multiprocessing.pool.Pool;
import org.mpdemo.multiprocessing.shared.Semaphore;

/**
 * A Semaphore handed to pool tasks as an argument, and nobody looks at the result.
 *
 * <p>Expect: no output at all, exit status 0, and the program over almost at once. Every task failed — a
 * Semaphore may only travel to a process while it starts — but the parent raised that error while serializing
 * the tasks, stored it in the result, and nobody asked the result for it.
 *
 * <p>Run: {@code ./mpdemo run semaphore-silent-failure}
 */
@Demo(id = "semaphore-silent-failure", topic = "semaphore", order = 1,
        summary = "a Semaphore in task arguments: every task fails, and nothing says so")
// tag::program[]
public final class SemaphoreSilentFailure {

    /** Would enter the semaphore, work for a random moment and report. */
    // Answer: it never runs: every task fails before it reaches a worker
    static void task(int identifier, Semaphore semaphore) {
        try (var held = semaphore.hold()) {
            double value = random();
            sleep(value);
            System.out.println("Task " + identifier + " completed with " + str(value));
        }
    }

    public static void main(String[] args) {
        // a semaphore that lets two tasks in at a time
        var semaphore = new Semaphore(2);
        try (var pool = new Pool(workers(4))) {
            // Answer: each task's arguments hold the semaphore, and that is the mistake
            var items = range(tasks(10)).map(i -> args(i, semaphore)).toList();
            var result = pool.starmapAsync(SemaphoreSilentFailure::task, items);
            // Answer: wait() only waits; it does not re-raise the stored error
            result.await();
        }
    }
}
// end::program[]
