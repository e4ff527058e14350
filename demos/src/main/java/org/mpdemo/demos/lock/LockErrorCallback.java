package org.mpdemo.demos.lock;

import static org.mpdemo.demos.Tutorial.random;
import static org.mpdemo.demos.Tutorial.range;
import static org.mpdemo.demos.Tutorial.sleep;
import static org.mpdemo.demos.Tutorial.str;
import static org.mpdemo.demos.Tutorial.tasks;
import static org.mpdemo.demos.Tutorial.workers;
import static org.mpdemo.multiprocessing.Args.args;
import static org.mpdemo.multiprocessing.pool.Pool.errorCallback;

import org.mpdemo.demos.Demo;
import org.mpdemo.multiprocessing.pool.Pool;
import org.mpdemo.multiprocessing.shared.Lock;

/**
 * The same mistake, with an error callback to make it visible.
 *
 * <p>Expect exactly one line, {@code Lock objects should only be shared between processes through
 * inheritance}, and exit status 0. All ten tasks failed, but a starmap is one result: it keeps the first error
 * and calls the error callback once, after every task is accounted for.
 *
 * <p>Run: {@code ./mpdemo run lock-error-callback}
 */
@Demo(id = "lock-error-callback", topic = "lock", order = 2,
        summary = "the same failure, reported once by an error callback")
// tag::program[]
public final class LockErrorCallback {

    /** Prints what went wrong; runs in the main process. */
    static void customErrorCallback(Throwable error) {
        System.out.println(error.getMessage());
    }

    static void task(int identifier, Lock lock) {
        try (var held = lock.hold()) {
            double value = random();
            sleep(value);
            System.out.println("Task " + identifier + " completed with " + str(value));
        }
    }

    public static void main(String[] args) {
        var lock = new Lock();
        try (var pool = new Pool(workers(4))) {
            var items = range(tasks(10)).map(i -> args(i, lock)).toList();
            var result = pool.starmapAsync(LockErrorCallback::task, items,
                    errorCallback(LockErrorCallback::customErrorCallback));
            result.await();
        }
    }
}
// end::program[]
