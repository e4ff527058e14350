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
 * The tutorial's fix: with the {@code fork} start method, workers inherit the lock as a global.
 *
 * <p>Expect ten lines {@code Task <i> completed with <value>}, each task once, and never more than one task
 * holding the lock at the same moment (the run's trace shows it). The lock is not in any task's
 * arguments: each worker finds it in the static field it inherited when it started.
 *
 * <p>A JVM cannot fork, so {@code fork} is emulated: each worker is a fresh JVM, and as it starts it receives
 * this class's non-final static fields with the values they have in the parent at that moment — which is what a
 * forked Python worker sees of its parent's globals. Where it differs from a real fork: only the static fields
 * of the class that starts the pool travel (not other classes', not the rest of the heap); {@code static final}
 * fields never do; and a value that cannot be serialized keeps what the worker's own initializer gives it.
 *
 * <p>Run: {@code ./mpdemo run lock-inherited-global}
 */
@Demo(id = "lock-inherited-global", topic = "lock", order = 4,
        summary = "the fix: under fork, workers inherit the lock as a global")
// tag::program[]
public final class LockInheritedGlobal {

    /** The global every worker inherits; assigned in main before the pool starts. */
    static Lock lock;

    static void task(int identifier) {
        try (var held = lock.hold()) {
            double value = random();
            sleep(value);
            System.out.println("Task " + identifier + " completed with " + str(value));
        }
    }

    public static void main(String[] args) {
        Multiprocessing.setStartMethod("fork");
        lock = new Lock();
        try (var pool = new Pool(workers(4))) {
            var result = pool.mapAsync(LockInheritedGlobal::task, range(tasks(10)).toList());
            result.await();
        }
    }
}
// end::program[]
