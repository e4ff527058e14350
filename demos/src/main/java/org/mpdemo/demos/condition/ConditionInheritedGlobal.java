package org.mpdemo.demos.condition;

import static org.mpdemo.demos.Tutorial.pauseBeforeNotify;
import static org.mpdemo.demos.Tutorial.random;
import static org.mpdemo.demos.Tutorial.range;
import static org.mpdemo.demos.Tutorial.sleep;
import static org.mpdemo.demos.Tutorial.str;
import static org.mpdemo.demos.Tutorial.tasks;
import static org.mpdemo.demos.Tutorial.workers;

import org.mpdemo.demos.Demo;
import org.mpdemo.multiprocessing.Multiprocessing;
import org.mpdemo.multiprocessing.pool.Pool;
import org.mpdemo.multiprocessing.shared.Condition;

/**
 * The tutorial's fix for the Condition: workers inherit it as a global under {@code fork}.
 *
 * <p>Expect four {@code Task <i> waiting...} lines, then {@code Tasks begin.}, then four
 * {@code Task <i> completed with <value>} lines and {@code Tasks done.}. The tasks complete one at a time, not
 * together as the tutorial's sample output suggests: each sleeps while still holding the condition's lock, so
 * the next woken task cannot return from {@code await()} until the previous one leaves.
 *
 * <p>A JVM cannot fork, so {@code fork} is emulated: each worker is a fresh JVM, and as it starts it receives
 * this class's non-final static fields with the values they have in the parent at that moment — which is what a
 * forked Python worker sees of its parent's globals. Where it differs from a real fork: only the static fields
 * of the class that starts the pool travel (not other classes', not the rest of the heap); {@code static final}
 * fields never do; and a value that cannot be serialized keeps what the worker's own initializer gives it.
 *
 * <p>The main program pauses a second before notifying; if the notification came before the tasks waited, it
 * would be lost (see {@code condition-lost-wakeup}). A scaled run still waits until all four are waiting.
 *
 * <p>Run: {@code ./mpdemo run condition-inherited-global}
 */
@Demo(id = "condition-inherited-global", topic = "condition", order = 4,
        summary = "the fix: under fork, workers inherit the condition; they complete one at a time")
// tag::program[]
public final class ConditionInheritedGlobal {

    /** The global every worker inherits. */
    static Condition condition;

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
        Multiprocessing.setStartMethod("fork");
        condition = new Condition();
        try (var pool = new Pool(workers(4))) {
            int tasks = tasks(4);
            var result = pool.mapAsync(ConditionInheritedGlobal::task, range(tasks).toList());
            pauseBeforeNotify(1, condition, Math.min(tasks, workers(4)));
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
