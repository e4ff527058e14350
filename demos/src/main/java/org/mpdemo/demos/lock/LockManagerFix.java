package org.mpdemo.demos.lock;

import static org.mpdemo.demos.Tutorial.random;
import static org.mpdemo.demos.Tutorial.range;
import static org.mpdemo.demos.Tutorial.sleep;
import static org.mpdemo.demos.Tutorial.str;
import static org.mpdemo.demos.Tutorial.tasks;
import static org.mpdemo.demos.Tutorial.workers;
import static org.mpdemo.multiprocessing.Args.args;

import org.mpdemo.demos.Demo;
import org.mpdemo.multiprocessing.managers.LockProxy;
import org.mpdemo.multiprocessing.managers.Manager;
import org.mpdemo.multiprocessing.pool.Pool;

/**
 * The fix: the lock lives in a manager process, and the tasks get a proxy for it.
 *
 * <p>Expect ten lines {@code Task <i> completed with <value>}, each id from 0 to 9 once, and exit status 0 — as
 * CPython prints. One task at a time holds the lock, so the tasks run one after another: the run lasts the sum
 * of the ten values (about 5 s at tutorial timing) although four workers are free.
 *
 * <p>Why it works: a proxy holds only the manager's address and the lock's id, so it may travel in a task's
 * arguments; {@code acquire} and {@code release} are calls to the manager, where the one real lock is.
 *
 * <p>Run: {@code ./mpdemo run lock-manager-fix}
 */
@Demo(id = "lock-manager-fix", topic = "lock", order = 7,
        summary = "the fix: a manager's Lock, passed as a proxy; one task at a time")
// tag::program[]
public final class LockManagerFix {

    /** Holds the lock, works for a random moment and reports. */
    static void task(int identifier, LockProxy lock) {
        try (var held = lock.hold()) {
            double value = random();
            sleep(value);
            System.out.println("Task " + identifier + " completed with " + str(value));
        }
    }

    public static void main(String[] args) {
        // create the manager: a process that will hold the shared lock
        try (var manager = new Manager()) {
            var lock = manager.lock();
            try (var pool = new Pool(workers(4))) {
                // each task's arguments hold a proxy for the lock
                var items = range(tasks(10)).map(i -> args(i, lock)).toList();
                var result = pool.starmapAsync(LockManagerFix::task, items);
                result.await();
            }
        }
    }
}
// end::program[]
