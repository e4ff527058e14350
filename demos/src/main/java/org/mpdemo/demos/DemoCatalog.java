package org.mpdemo.demos;

import java.util.List;
import java.util.Optional;
import org.mpdemo.demos.DemoInfo.Outcomes;
import org.mpdemo.demos.basics.PoolMap;
import org.mpdemo.demos.basics.PoolPids;
import org.mpdemo.demos.basics.Processes;
import org.mpdemo.demos.basics.QueueDemo;
import org.mpdemo.demos.condition.ConditionErrorCallback;
import org.mpdemo.demos.condition.ConditionInheritedGlobal;
import org.mpdemo.demos.condition.ConditionInitializerFix;
import org.mpdemo.demos.condition.ConditionLostWakeup;
import org.mpdemo.demos.condition.ConditionManagerFix;
import org.mpdemo.demos.condition.ConditionSilentFailure;
import org.mpdemo.demos.condition.ConditionSyncReraise;
import org.mpdemo.demos.lock.InheritedGlobalSpawn;
import org.mpdemo.demos.lock.LockErrorCallback;
import org.mpdemo.demos.lock.LockInheritedGlobal;
import org.mpdemo.demos.lock.LockInitializerFix;
import org.mpdemo.demos.lock.LockManagerFix;
import org.mpdemo.demos.lock.LockSilentFailure;
import org.mpdemo.demos.lock.LockSyncReraise;
import org.mpdemo.demos.manager.ManagerValueRace;
import org.mpdemo.demos.pool.PoolWorkerCrash;
import org.mpdemo.demos.races.BankAtomic;
import org.mpdemo.demos.races.BankLock;
import org.mpdemo.demos.races.BankRace;
import org.mpdemo.demos.races.ValueArrayLock;
import org.mpdemo.demos.races.ValueArrayRace;
import org.mpdemo.demos.semaphore.SemaphoreErrorCallback;
import org.mpdemo.demos.semaphore.SemaphoreInheritedGlobal;
import org.mpdemo.demos.semaphore.SemaphoreInitializerFix;
import org.mpdemo.demos.semaphore.SemaphoreManagerFix;
import org.mpdemo.demos.semaphore.SemaphoreSilentFailure;
import org.mpdemo.demos.semaphore.SemaphoreSyncReraise;

/** Every demo, in teaching order within each topic. */
public final class DemoCatalog {
    private DemoCatalog() {
    }

    // the race demos' outcomes: what --runs tabulates and verify checks
    private static final String BALANCE = "Final balance = -?\\d+";
    private static final String VALUE_ARRAY = "(Value|Array) at end: .*";
    private static final String[] VALUE_ARRAY_RIGHT = {"Value at end: 200", "Array at end: [200.0, 300.0, 400.0]"};
    private static final String[] VALUE_ARRAY_RELIABLY_RIGHT =
            {"Value at end: 20000", "Array at end: [20000.0, 20100.0, 20200.0]"};

    private static final List<DemoInfo> DEMOS = List.of(
            new DemoInfo("semaphore-silent-failure", "semaphore",
                    "a Semaphore in task arguments: every task fails, and nothing says so",
                    SemaphoreSilentFailure.class),
            new DemoInfo("semaphore-error-callback", "semaphore",
                    "the same failure, reported once by an error callback", SemaphoreErrorCallback.class),
            new DemoInfo("semaphore-sync-reraise", "semaphore",
                    "the same failure, re-raised by the synchronous starmap", SemaphoreSyncReraise.class),
            new DemoInfo("semaphore-inherited-global", "semaphore",
                    "the fix: under fork, workers inherit the semaphore as a global", SemaphoreInheritedGlobal.class),
            new DemoInfo("semaphore-initializer-fix", "semaphore",
                    "the fix the tutorial says fails: the pool initializer hands it over", SemaphoreInitializerFix.class),
            new DemoInfo("semaphore-manager-fix", "semaphore",
                    "the fix: a manager's Semaphore, passed as a proxy; two tasks at a time", SemaphoreManagerFix.class),
            new DemoInfo("lock-silent-failure", "lock",
                    "a Lock in task arguments: every task fails, and nothing says so", LockSilentFailure.class),
            new DemoInfo("lock-error-callback", "lock",
                    "the same failure, reported once by an error callback", LockErrorCallback.class),
            new DemoInfo("lock-sync-reraise", "lock",
                    "the same failure, re-raised by the synchronous starmap", LockSyncReraise.class),
            new DemoInfo("lock-inherited-global", "lock",
                    "the fix: under fork, workers inherit the lock as a global", LockInheritedGlobal.class),
            new DemoInfo("lock-initializer-fix", "lock",
                    "the fix the tutorial says fails: the pool initializer hands it over", LockInitializerFix.class),
            new DemoInfo("inherited-global-spawn", "lock",
                    "the inherited-global program under spawn: the global is missing, silently",
                    InheritedGlobalSpawn.class),
            new DemoInfo("lock-manager-fix", "lock",
                    "the fix: a manager's Lock, passed as a proxy; one task at a time", LockManagerFix.class),
            new DemoInfo("condition-silent-failure", "condition",
                    "a Condition in task arguments: no task waits, the main program never knows",
                    ConditionSilentFailure.class),
            new DemoInfo("condition-error-callback", "condition",
                    "the same failure, reported once by an error callback", ConditionErrorCallback.class),
            new DemoInfo("condition-sync-reraise", "condition",
                    "the same failure, re-raised by result.get()", ConditionSyncReraise.class),
            new DemoInfo("condition-inherited-global", "condition",
                    "the fix: under fork, workers inherit the condition; they complete one at a time",
                    ConditionInheritedGlobal.class),
            new DemoInfo("condition-initializer-fix", "condition",
                    "the fix the tutorial says fails: the pool initializer hands it over",
                    ConditionInitializerFix.class),
            new DemoInfo("condition-lost-wakeup", "condition",
                    "notify before anyone waits: the wake-up is lost (CPython hangs); an Event fixes it",
                    ConditionLostWakeup.class),
            new DemoInfo("condition-manager-fix", "condition",
                    "the fix: a manager's Condition; no lost wake-up at any time scale", ConditionManagerFix.class),
            new DemoInfo("manager-value-race", "manager",
                    "value.set(value.get() + 1) through a manager still loses updates; its lock fixes it",
                    ManagerValueRace.class)
                    .withOutcomes(Outcomes.race("Expected 4000, got \\d+", "lost update", "Expected 4000, got 4000")),
            new DemoInfo("pool-worker-crash", "pool",
                    "a task kills its worker: a clear error instead of CPython's hang, and the pool serves on",
                    PoolWorkerCrash.class),
            new DemoInfo("bank-race", "races",
                    "deposits and withdrawals on a shared balance without a lock: updates get lost",
                    BankRace.class)
                    .withOutcomes(Outcomes.race(BALANCE, "lost update", "Final balance = 100")),
            new DemoInfo("bank-lock", "races",
                    "the same with a Lock around each update: always 100", BankLock.class)
                    .withOutcomes(Outcomes.exact(BALANCE, "lost update", "Final balance = 100")),
            new DemoInfo("bank-atomic", "races",
                    "the same with one atomic getAndAdd per update, no lock: always 100", BankAtomic.class)
                    .withOutcomes(Outcomes.exact(BALANCE, "lost update", "Final balance = 100")),
            new DemoInfo("value-array-race", "races",
                    "a shared Value and Array incremented without a lock (--reliable: the race every time)",
                    ValueArrayRace.class)
                    .withOutcomes(Outcomes.race(VALUE_ARRAY, "lost update", VALUE_ARRAY_RIGHT)
                            .whenReliable(VALUE_ARRAY_RELIABLY_RIGHT)),
            new DemoInfo("value-array-lock", "races",
                    "the same with a Lock: always 200 and [200.0, 300.0, 400.0]", ValueArrayLock.class)
                    .withOutcomes(Outcomes.exact(VALUE_ARRAY, "lost update", VALUE_ARRAY_RIGHT)
                            .whenReliable(VALUE_ARRAY_RELIABLY_RIGHT)),
            new DemoInfo("processes", "basics",
                    "start and join one process per CPU", Processes.class),
            new DemoInfo("queue", "basics",
                    "two processes put squares and negatives on one Queue; all ten arrive", QueueDemo.class),
            new DemoInfo("pool-map", "basics",
                    "a pool maps a function over a list: cubes of 0 to 9", PoolMap.class),
            new DemoInfo("pool-pids", "basics",
                    "squares computed in workers that print their pids; every line, then the list", PoolPids.class));

    public static List<DemoInfo> all() {
        return DEMOS;
    }

    public static Optional<DemoInfo> find(String id) {
        return DEMOS.stream().filter(d -> d.id().equals(id)).findFirst();
    }
}
