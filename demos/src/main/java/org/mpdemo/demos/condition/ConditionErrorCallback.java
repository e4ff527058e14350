package org.mpdemo.demos.condition;

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
import org.mpdemo.multiprocessing.shared.Condition;

/**
 * The Condition mistake with an error callback.
 *
 * <p>Expect three lines: {@code Condition objects should only be shared between processes through inheritance},
 * {@code Tasks begin.}, {@code Tasks done.}; exit status 0. The error comes first: the tasks failed while being
 * serialized, before the main program's one-second pause was over.
 *
 * <p>Run: {@code ./mpdemo run condition-error-callback}
 */
@Demo(id = "condition-error-callback", topic = "condition", order = 2,
        summary = "the same failure, reported once by an error callback")
// tag::program[]
public final class ConditionErrorCallback {

    static void customErrorCallback(Throwable error) {
        System.out.println(error.getMessage());
    }

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
            var result = pool.starmapAsync(ConditionErrorCallback::task, items,
                    errorCallback(ConditionErrorCallback::customErrorCallback));
            sleep(1);
            try (var held = condition.hold()) {
                System.out.println("Tasks begin.");
                condition.signalAll();
            }
            result.await();
            System.out.println("Tasks done.");
        }
    }
}
// end::program[]
