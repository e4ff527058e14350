package org.mpdemo.demos.condition;

import static org.mpdemo.demos.Tutorial.random;
import static org.mpdemo.demos.Tutorial.range;
import static org.mpdemo.demos.Tutorial.sleep;
import static org.mpdemo.demos.Tutorial.str;
import static org.mpdemo.demos.Tutorial.tasks;
import static org.mpdemo.demos.Tutorial.workers;
import static org.mpdemo.multiprocessing.Args.args;

import org.mpdemo.demos.Demo;
import org.mpdemo.multiprocessing.pool.Pool;
import org.mpdemo.multiprocessing.shared.Condition;

/**
 * The Condition mistake, found by asking the result for its value.
 *
 * <p>Expect {@code Tasks begin.} on standard output, then on standard error the error ending with
 * {@code SharingError: Condition objects should only be shared between processes through inheritance}; exit
 * status 1. {@code Tasks done.} never prints: {@code get()} re-raised the error the parent stored while
 * serializing the tasks.
 *
 * <p>{@code SharingError} is this kit's name for the {@code RuntimeError} CPython raises here. Java has no
 * {@code RuntimeError}, and its {@code RuntimeException} is the parent of every unchecked exception, so catching
 * that would catch far more than this mistake. The message is CPython's, word for word.
 *
 * <p>Run: {@code ./mpdemo run condition-sync-reraise}
 */
@Demo(id = "condition-sync-reraise", topic = "condition", order = 3,
        summary = "the same failure, re-raised by result.get()")
// tag::program[]
public final class ConditionSyncReraise {

    static void task(int identifier, Condition condition) {
        try (var held = condition.hold()) {
            System.out.println("Task " + identifier + " waiting...");
            condition.await();
            double value = random();
            sleep(value);
            System.out.println("Task " + identifier + " completed with " + str(value));
        }
    }

    public static void main(String[] args) {
        var condition = new Condition();
        try (var pool = new Pool(workers(4))) {
            var items = range(tasks(4)).map(i -> args(i, condition)).toList();
            var result = pool.starmapAsync(ConditionSyncReraise::task, items);
            sleep(1);
            try (var held = condition.hold()) {
                System.out.println("Tasks begin.");
                condition.signalAll();
            }
            // Answer: get() waits, then re-raises the first task's error
            for (var item : result.get()) {
                assert item == null;
            }
            System.out.println("Tasks done.");
        }
    }
}
// end::program[]
