package org.mpdemo.demos;

import java.util.List;
import java.util.Optional;
import org.mpdemo.demos.condition.ConditionErrorCallback;
import org.mpdemo.demos.condition.ConditionManagerFix;
import org.mpdemo.demos.condition.ConditionSilentFailure;
import org.mpdemo.demos.condition.ConditionSyncReraise;
import org.mpdemo.demos.lock.LockErrorCallback;
import org.mpdemo.demos.lock.LockManagerFix;
import org.mpdemo.demos.lock.LockSilentFailure;
import org.mpdemo.demos.lock.LockSyncReraise;
import org.mpdemo.demos.manager.ManagerValueRace;
import org.mpdemo.demos.pool.PoolWorkerCrash;
import org.mpdemo.demos.semaphore.SemaphoreErrorCallback;
import org.mpdemo.demos.semaphore.SemaphoreManagerFix;
import org.mpdemo.demos.semaphore.SemaphoreSilentFailure;
import org.mpdemo.demos.semaphore.SemaphoreSyncReraise;

/** Every demo, in teaching order within each topic. */
public final class DemoCatalog {
    private DemoCatalog() {
    }

    private static final List<DemoInfo> DEMOS = List.of(
            new DemoInfo("semaphore-silent-failure", "semaphore",
                    "a Semaphore in task arguments: every task fails, and nothing says so",
                    SemaphoreSilentFailure.class),
            new DemoInfo("semaphore-error-callback", "semaphore",
                    "the same failure, reported once by an error callback", SemaphoreErrorCallback.class),
            new DemoInfo("semaphore-sync-reraise", "semaphore",
                    "the same failure, re-raised by the synchronous starmap", SemaphoreSyncReraise.class),
            new DemoInfo("semaphore-manager-fix", "semaphore",
                    "the fix: a manager's Semaphore, passed as a proxy; two tasks at a time", SemaphoreManagerFix.class),
            new DemoInfo("lock-silent-failure", "lock",
                    "a Lock in task arguments: every task fails, and nothing says so", LockSilentFailure.class),
            new DemoInfo("lock-error-callback", "lock",
                    "the same failure, reported once by an error callback", LockErrorCallback.class),
            new DemoInfo("lock-sync-reraise", "lock",
                    "the same failure, re-raised by the synchronous starmap", LockSyncReraise.class),
            new DemoInfo("lock-manager-fix", "lock",
                    "the fix: a manager's Lock, passed as a proxy; one task at a time", LockManagerFix.class),
            new DemoInfo("condition-silent-failure", "condition",
                    "a Condition in task arguments: no task waits, the main program never knows",
                    ConditionSilentFailure.class),
            new DemoInfo("condition-error-callback", "condition",
                    "the same failure, reported once by an error callback", ConditionErrorCallback.class),
            new DemoInfo("condition-sync-reraise", "condition",
                    "the same failure, re-raised by result.get()", ConditionSyncReraise.class),
            new DemoInfo("condition-manager-fix", "condition",
                    "the fix: a manager's Condition; no lost wake-up at any time scale", ConditionManagerFix.class),
            new DemoInfo("manager-value-race", "manager",
                    "value.set(value.get() + 1) through a manager still loses updates; its lock fixes it",
                    ManagerValueRace.class),
            new DemoInfo("pool-worker-crash", "pool",
                    "a task kills its worker: a clear error instead of CPython's hang, and the pool serves on",
                    PoolWorkerCrash.class));

    public static List<DemoInfo> all() {
        return DEMOS;
    }

    public static Optional<DemoInfo> find(String id) {
        return DEMOS.stream().filter(d -> d.id().equals(id)).findFirst();
    }
}
