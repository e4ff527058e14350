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
 * A Condition handed to pool tasks as an argument, and nobody looks at the result.
 *
 * <p>Expect two lines, {@code Tasks begin.} then {@code Tasks done.}, and exit status 0. No task printed
 * {@code waiting...}: none ever ran, because the Condition could not be serialized into their arguments. The main
 * program does not know — it pauses, notifies nobody, and waits for a result that failed long ago.
 *
 * <p>Run: {@code ./mpdemo run condition-silent-failure}
 */
@Demo(id = "condition-silent-failure", topic = "condition", order = 1,
        summary = "a Condition in task arguments: no task waits, the main program never knows")
// tag::program[]
public final class ConditionSilentFailure {

    /** Would wait to be notified, then work for a random moment while holding the condition. */
    // Answer: it never runs: every task fails before it reaches a worker
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
            var result = pool.starmapAsync(ConditionSilentFailure::task, items);
            // give the tasks a moment to start waiting
            // Answer: none will wait, and the notification wakes nobody
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
