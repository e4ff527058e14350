package org.mpdemo.demos.lock;

import static org.mpdemo.classroom.Checks.check;
import static org.mpdemo.classroom.Checks.equal;
import static org.mpdemo.classroom.Expectations.SMALL_SCALE;

import java.util.List;
import java.util.Map;
import org.mpdemo.classroom.Checks;
import org.mpdemo.classroom.Expectations;
import org.mpdemo.classroom.Expectations.Expectation;
import org.mpdemo.demos.TraceLog;
import org.mpdemo.multiprocessing.trace.TraceEvent;

/**
 * What each lock demo documents, as the check {@code mpdemo verify} and the tests make; the failures and fixes
 * it shares with the semaphore demos are built by {@link org.mpdemo.classroom.Expectations}.
 */
public final class LockExpectations {

    private LockExpectations() {
    }

    /** The documented behaviour of each demo of the topic, by its class. */
    public static Map<Class<?>, Expectation> byDemo() {
        return Map.of(
                LockSilentFailure.class, Expectations.silentFailure("Lock"),
                LockErrorCallback.class, Expectations.errorCallback("Lock"),
                LockSyncReraise.class, Expectations.syncReraise("Lock"),
                LockInheritedGlobal.class, Expectations.sharedFix("Lock", 1),
                LockInitializerFix.class, Expectations.sharedFix("Lock", 1),
                InheritedGlobalSpawn.class, inheritedGlobalSpawn(),
                LockManagerFix.class, Expectations.managerFix("Lock", 1, SMALL_SCALE, 1));
    }

    private static Expectation inheritedGlobalSpawn() {
        return new Expectation("no output, exit 0; every task met a null global in its worker", SMALL_SCALE, 1,
                run -> {
                    Checks.stdoutEmpty(run);
                    Checks.stderrEmpty(run);
                    Checks.exitStatus(run, 0);
                    // unlike the argument failures, these tasks did run — in the workers, where the global is null
                    equal(10, Checks.events(run, TraceEvent.TASK_START).size(), "tasks that started");
                    List<TraceLog.Event> errors = Checks.events(run, TraceEvent.ERROR);
                    equal(10, errors.size(), "errors in the trace");
                    long main = Checks.mainPid(run.trace());
                    for (TraceLog.Event e : errors) {
                        equal("NullPointerException", e.get("type"), "error type");
                        check(e.get("message").contains(
                                        "\"org.mpdemo.demos.lock.InheritedGlobalSpawn.lock\" is null"),
                                "error message: " + e.get("message"));
                        check(e.get("where").startsWith("worker "), "raised in " + e.get("where") + ", not a worker");
                        check(main != Long.parseLong(e.get("where").substring("worker ".length())),
                                "raised in the main process, not a worker");
                    }
                    return "no output, exit 0; 10 tasks raised NullPointerException in their workers";
                });
    }
}
