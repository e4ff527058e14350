package org.mpdemo.demos.condition;

import static org.mpdemo.demos.Tutorial.random;
import static org.mpdemo.demos.Tutorial.range;
import static org.mpdemo.demos.Tutorial.sleep;
import static org.mpdemo.demos.Tutorial.str;
import static org.mpdemo.demos.Tutorial.tasks;
import static org.mpdemo.demos.Tutorial.timeScale;
import static org.mpdemo.demos.Tutorial.waitUntil;
import static org.mpdemo.demos.Tutorial.workers;

import java.util.concurrent.TimeUnit;
import org.mpdemo.demos.Demo;
import org.mpdemo.multiprocessing.Multiprocessing;
import org.mpdemo.multiprocessing.pool.Pool;
import org.mpdemo.multiprocessing.shared.Condition;
import org.mpdemo.multiprocessing.shared.Event;

/**
 * The Condition program without the main program's pause: the notification is sent before anyone waits.
 *
 * <p>A condition only wakes processes that are already waiting; a notification nobody is waiting for is simply
 * lost. Expect {@code Tasks begin.} first, then the four {@code waiting...} lines, then a report that all four
 * are stuck — CPython hangs here for ever; this demo checks that every task is waiting, stops the pool and
 * says so. Then the fix: an {@link Event} remembers that it was set, so tasks that arrive late pass straight
 * through, and all four complete.
 *
 * <p>Run: {@code ./mpdemo run condition-lost-wakeup}
 */
@Demo(id = "condition-lost-wakeup", topic = "condition", order = 6,
        summary = "notify before anyone waits: the wake-up is lost (CPython hangs); an Event fixes it")
// tag::program[]
public final class ConditionLostWakeup {

    static Condition condition;
    static Event go;

    /** The tutorial's task: wait on the condition, then work while holding it. */
    static void task(int identifier) {
        try (var held = condition.hold()) {
            System.out.println("Task " + identifier + " waiting...");
            condition.await();
            double value = random();
            sleep(value);
            System.out.println("Task " + identifier + " completed with " + str(value));
        }
    }

    /** The fix: wait for an Event, which stays set. */
    static void fixedTask(int identifier) {
        System.out.println("Task " + identifier + " waiting...");
        go.await();
        double value = random();
        sleep(value);
        System.out.println("Task " + identifier + " completed with " + str(value));
    }

    public static void main(String[] args) {
        Multiprocessing.setStartMethod("fork");
        condition = new Condition();
        go = new Event();
        int tasks = Math.min(tasks(4), workers(4));
        try (var pool = new Pool(workers(4))) {
            // no pause: notify at once, even before the tasks are handed out
            // Answer: no task can be waiting yet, so the notification is lost (were the tasks handed out
            // first, a quick worker could win the race and be woken)
            try (var held = condition.hold()) {
                System.out.println("Tasks begin.");
                condition.signalAll();
            }
            var result = pool.mapAsync(ConditionLostWakeup::task, range(tasks).toList());
            // watch every task arrive and wait; then give a wake-up two (scaled) seconds to show up
            waitUntil(() -> condition.waiting() >= tasks, 60);
            boolean finished = result.await(Math.max(200, (long) (2000 * timeScale())), TimeUnit.MILLISECONDS);
            System.out.println(finished ? "Tasks done." : "All " + tasks + " tasks are still waiting: the "
                    + "notification came before they waited and was lost. Stopping the pool.");
        }
        System.out.println("The fix: an Event stays set.");
        try (var pool = new Pool(workers(4))) {
            var result = pool.mapAsync(ConditionLostWakeup::fixedTask, range(tasks).toList());
            System.out.println("Tasks begin.");
            go.set();
            result.await();
            System.out.println("Tasks done.");
        }
    }
}
// end::program[]
