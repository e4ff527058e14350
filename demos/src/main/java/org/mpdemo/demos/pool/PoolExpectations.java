package org.mpdemo.demos.pool;

import static org.mpdemo.classroom.Checks.check;
import static org.mpdemo.classroom.Checks.equal;
import static org.mpdemo.classroom.Expectations.SMALL_SCALE;

import java.util.List;
import java.util.Map;
import org.mpdemo.classroom.Checks;
import org.mpdemo.classroom.Expectations.Expectation;
import org.mpdemo.demos.TraceLog;
import org.mpdemo.multiprocessing.trace.TraceEvent;

/**
 * What the pool demo documents, as the check {@code mpdemo verify} and the tests make.
 */
public final class PoolExpectations {

    private PoolExpectations() {
    }

    /** The documented behaviour of each demo of the topic, by its class. */
    public static Map<Class<?>, Expectation> byDemo() {
        return Map.of(
                PoolWorkerCrash.class, workerCrash());
    }

    private static Expectation workerCrash() {
        return new Expectation("map raises WorkerDiedError naming the dead worker; the pool serves on", SMALL_SCALE,
                1, run -> {
                    Checks.exitStatus(run, 0);
                    List<String> lines = run.lines();
                    equal(3, lines.size(), "lines on standard output");
                    equal("Task 3 ends its worker process.", lines.get(0), "line 1");
                    // the pid is the worker that died: the one that started task 3 of the first map
                    TraceLog.Event task3 = Checks.events(run, TraceEvent.TASK_START).stream()
                            .filter(e -> "1".equals(e.get("job")) && "3".equals(e.get("task"))).findFirst()
                            .orElseThrow(() -> new Checks.Mismatch("task 3 of the first map never started"));
                    check(lines.get(1).matches("map raised WorkerDiedError: worker process " + task3.pid()
                                    + " \\(SpawnPoolWorker-\\d+\\) died while running task 3 of map: exit status 1"),
                            "line 2: '" + lines.get(1) + "'");
                    equal("The pool still serves: [0, 1, 4, 9, 16, 25, 36, 49]", lines.get(2), "line 3");
                    long others = Checks.events(run, TraceEvent.TASK_END).stream().filter(e -> "1".equals(e.get("job")))
                            .count();
                    equal(7L, others, "other tasks of the first map that ran");
                    return "WorkerDiedError for worker " + task3.pid() + "; 7 other tasks ran; pool served on";
                });
    }
}
