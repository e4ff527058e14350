package org.mpdemo.demos.condition;

import static org.mpdemo.demos.Tutorial.pauseBeforeNotify;
import static org.mpdemo.demos.Tutorial.random;
import static org.mpdemo.demos.Tutorial.range;
import static org.mpdemo.demos.Tutorial.sleep;
import static org.mpdemo.demos.Tutorial.str;
import static org.mpdemo.demos.Tutorial.tasks;
import static org.mpdemo.demos.Tutorial.workers;

import org.mpdemo.demos.Demo;
import org.mpdemo.multiprocessing.pool.Pool;
import org.mpdemo.multiprocessing.shared.Condition;

/**
 * The Condition handed to each worker by the pool's initializer — which the tutorial says fails.
 *
 * <p>It works, in CPython and here, under the default {@code spawn} start method: initializer arguments travel
 * while the worker starts. Expect four {@code waiting...} lines, {@code Tasks begin.}, four {@code completed}
 * lines one at a time, and {@code Tasks done.}.
 *
 * <p>Run: {@code ./mpdemo run condition-initializer-fix}
 */
@Demo(id = "condition-initializer-fix", topic = "condition", order = 5,
        summary = "the fix the tutorial says fails: the pool initializer hands it over")
// tag::program[]
public final class ConditionInitializerFix {

    /** Each worker's reference to the shared condition, set by init below. */
    static Condition condition;

    static void init(Condition shared) {
        condition = shared;
    }

    static void task(int identifier) {
        try (var held = condition.hold()) {
            System.out.println("Task " + identifier + " waiting...");
            condition.await();
            double value = random();
            sleep(value);
            System.out.println("Task " + identifier + " completed with " + str(value));
        }
    }

    public static void main(String[] args) {
        var shared = new Condition();
        try (var pool = Pool.builder().processes(workers(4))
                .initializer(ConditionInitializerFix::init, shared).build()) {
            int tasks = tasks(4);
            var result = pool.mapAsync(ConditionInitializerFix::task, range(tasks).toList());
            pauseBeforeNotify(1, shared, Math.min(tasks, workers(4)));
            try (var held = shared.hold()) {
                System.out.println("Tasks begin.");
                shared.signalAll();
            }
            result.await();
            System.out.println("Tasks done.");
        }
    }
}
// end::program[]
