package org.mpdemo.demos.condition;

import static org.mpdemo.demos.Tutorial.random;
import static org.mpdemo.demos.Tutorial.range;
import static org.mpdemo.demos.Tutorial.sleep;
import static org.mpdemo.demos.Tutorial.str;
import static org.mpdemo.demos.Tutorial.tasks;
import static org.mpdemo.demos.Tutorial.workers;
import static org.mpdemo.multiprocessing.Args.args;

import org.mpdemo.demos.Demo;
import org.mpdemo.multiprocessing.managers.ConditionProxy;
import org.mpdemo.multiprocessing.managers.Manager;
import org.mpdemo.multiprocessing.pool.Pool;

/**
 * The fix: the condition lives in a manager process, and the tasks get a proxy for it.
 *
 * <p>Expect four lines {@code Task <i> waiting...}, then {@code Tasks begin.}, then four lines
 * {@code Task <i> completed with <value>}, then {@code Tasks done.}; exit status 0 — as CPython prints. The
 * completions come one at a time: each task sleeps while it holds the condition's lock, so after the
 * notification the tasks take the lock, and finish, in turn.
 *
 * <p>The pause before notifying: the tutorial sleeps one second and hopes every task is waiting by then; a
 * notification sent before a task waits is lost, and CPython's program then hangs for ever (it does whenever the
 * pause is 1 ms or less). Here the pause is the tutorial's second (scaled by {@code --time-scale}) <em>and at
 * least</em> until the manager reports every task waiting on the condition ({@link ConditionProxy#awaitWaiters},
 * bounded at 30 s in case a task died), so the program never hangs, however small the time scale. Only the
 * manager can say this: it is where the tasks wait. (A task's {@code waiting...} line is on screen before it
 * waits: a worker's print returns only once the main process has shown it, as a forked worker's would.)
 *
 * <p>Run: {@code ./mpdemo run condition-manager-fix}
 */
@Demo(id = "condition-manager-fix", topic = "condition", order = 7,
        summary = "the fix: a manager's Condition; no lost wake-up at any time scale")
// tag::program[]
public final class ConditionManagerFix {

    /** Waits for the notification, then works for a random moment — still holding the lock — and reports. */
    static void task(int identifier, ConditionProxy condition) {
        try (var held = condition.hold()) {
            System.out.println("Task " + identifier + " waiting...");
            condition.await();
            double value = random();
            sleep(value);
            System.out.println("Task " + identifier + " completed with " + str(value));
        }
    }

    public static void main(String[] args) {
        try (var manager = new Manager()) {
            var condition = manager.condition();
            int workers = workers(4);
            int tasks = tasks(4);
            try (var pool = new Pool(workers)) {
                var items = range(tasks).map(i -> args(i, condition)).toList();
                var result = pool.starmapAsync(ConditionManagerFix::task, items);
                // wait a moment, as the tutorial does, and at least until every task can hear the notification
                sleep(1);
                condition.awaitWaiters(Math.min(tasks, workers), 30);
                try (var held = condition.hold()) {
                    System.out.println("Tasks begin.");
                    condition.signalAll();
                }
                result.await();
                System.out.println("Tasks done.");
            }
        }
    }
}
// end::program[]
