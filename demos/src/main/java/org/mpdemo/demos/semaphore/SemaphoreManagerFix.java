package org.mpdemo.demos.semaphore;

import static org.mpdemo.demos.Tutorial.random;
import static org.mpdemo.demos.Tutorial.range;
import static org.mpdemo.demos.Tutorial.sleep;
import static org.mpdemo.demos.Tutorial.str;
import static org.mpdemo.demos.Tutorial.tasks;
import static org.mpdemo.demos.Tutorial.workers;
import static org.mpdemo.multiprocessing.Args.args;

import org.mpdemo.demos.Demo;
import org.mpdemo.multiprocessing.managers.Manager;
import org.mpdemo.multiprocessing.managers.SemaphoreProxy;
import org.mpdemo.multiprocessing.pool.Pool;

/**
 * The fix: the semaphore lives in a manager process, and the tasks get a proxy for it.
 *
 * <p>Expect ten lines {@code Task <i> completed with <value>}, each id from 0 to 9 once, in an order that changes
 * from run to run, and exit status 0 — CPython prints the same. Never more than two tasks are inside the
 * semaphore at once, so the run takes about half the sum of the values (about 2.5 s at tutorial timing).
 *
 * <p>Why it works: a proxy holds only the manager's address and the semaphore's id, so, unlike a
 * {@code Semaphore}, it may travel in a task's arguments. Each {@code acquire} and {@code release} is a call to
 * the manager, where the one real semaphore counts for every process. The trace ({@code --trace}) shows those
 * calls as the semaphore's {@code acquire}/{@code release} events, written by the manager process.
 *
 * <p>Run: {@code ./mpdemo run semaphore-manager-fix}
 */
@Demo(id = "semaphore-manager-fix", topic = "semaphore", order = 6,
        summary = "the fix: a manager's Semaphore, passed as a proxy; two tasks at a time")
// tag::program[]
public final class SemaphoreManagerFix {

    /** Enters the semaphore, works for a random moment and reports. */
    static void task(int identifier, SemaphoreProxy semaphore) {
        try (var held = semaphore.hold()) {
            double value = random();
            sleep(value);
            System.out.println("Task " + identifier + " completed with " + str(value));
        }
    }

    public static void main(String[] args) {
        // create the manager: a process that will hold the shared semaphore
        try (var manager = new Manager()) {
            // a semaphore that lets two tasks in at a time, living in the manager
            var semaphore = manager.semaphore(2);
            try (var pool = new Pool(workers(4))) {
                // each task's arguments hold a proxy
                // Answer: a proxy travels to a process at any time
                var items = range(tasks(10)).map(i -> args(i, semaphore)).toList();
                var result = pool.starmapAsync(SemaphoreManagerFix::task, items);
                result.await();
            }
        }
    }
}
// end::program[]
