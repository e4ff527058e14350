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
 * The same mistake with the synchronous {@code starmap}, which re-raises the error.
 *
 * <p>Expect nothing on standard output, the error on standard error ending with {@code SharingError: Lock
 * objects should only be shared between processes through inheritance}, and exit status 1. The trace shows
 * where it was raised: in the main process, while the tasks were being serialized — no task ever ran (the
 * tutorial says each task raised it; CPython's own traceback shows otherwise).
 *
 * <p>{@code SharingError} is this kit's name for the {@code RuntimeError} CPython raises here. Java has no
 * {@code RuntimeError}, and its {@code RuntimeException} is the parent of every unchecked exception, so catching
 * that would catch far more than this mistake. The message is CPython's, word for word.
 *
 * <p>Run: {@code ./mpdemo run lock-sync-reraise}
 */
@Demo(id = "lock-sync-reraise", topic = "lock", order = 3,
        summary = "the same failure, re-raised by the synchronous starmap")
// tag::program[]
public final class LockSyncReraise {

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
            // Answer: the synchronous call waits, then re-raises the first task's error
            pool.starmap(LockSyncReraise::task, items);
        }
    }
}
// end::program[]
