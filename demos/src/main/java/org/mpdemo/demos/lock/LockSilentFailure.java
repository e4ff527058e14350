package org.mpdemo.demos.lock;

import static org.mpdemo.demos.Tutorial.random;
import static org.mpdemo.demos.Tutorial.range;
import static org.mpdemo.demos.Tutorial.sleep;
import static org.mpdemo.demos.Tutorial.str;
import static org.mpdemo.demos.Tutorial.tasks;
import static org.mpdemo.demos.Tutorial.workers;
import static org.mpdemo.multiprocessing.Args.args;

import org.mpdemo.demos.Demo;
import org.mpdemo.multiprocessing.pool.Pool;
import org.mpdemo.multiprocessing.shared.Lock;

/**
 * A Lock handed to pool tasks as an argument, and nobody looks at the result.
 *
 * <p>Expect: no output at all, exit status 0, and the program over almost at once. Every task failed — a
 * Lock may only travel to a process while it starts — but the parent raised that error while serializing
 * the tasks, stored it in the result, and nobody asked the result for it.
 *
 * <p>Run: {@code ./mpdemo run lock-silent-failure}
 */
@Demo(id = "lock-silent-failure", topic = "lock", order = 1,
        summary = "a Lock in task arguments: every task fails, and nothing says so")
// tag::program[]
public final class LockSilentFailure {

    /** Would take the lock, work for a random moment and report. */
    // Answer: it never runs: every task fails before it reaches a worker
    static void task(int identifier, Lock lock) {
        try (var held = lock.hold()) {
            double value = random();
            sleep(value);
            System.out.println("Task " + identifier + " completed with " + str(value));
        }
    }

    public static void main(String[] args) {
        // a lock that lets one task in at a time
        var lock = new Lock();
        try (var pool = new Pool(workers(4))) {
            // Answer: each task's arguments hold the lock, and that is the mistake
            var items = range(tasks(10)).map(i -> args(i, lock)).toList();
            var result = pool.starmapAsync(LockSilentFailure::task, items);
            // Answer: wait() only waits; it does not re-raise the stored error
            result.await();
        }
    }
}
// end::program[]
