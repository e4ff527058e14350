package org.mpdemo.demos;

import java.util.List;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
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

/**
 * Every demo: the list of demo classes, in the order their topics are taught; each class's {@link Demo}
 * annotation gives the rest, and within a topic its {@link Demo#order} places it.
 */
public final class DemoCatalog {
    private static final List<Class<?>> CLASSES = List.of(
            SemaphoreSilentFailure.class,
            SemaphoreErrorCallback.class,
            SemaphoreSyncReraise.class,
            SemaphoreInheritedGlobal.class,
            SemaphoreInitializerFix.class,
            SemaphoreManagerFix.class,
            LockSilentFailure.class,
            LockErrorCallback.class,
            LockSyncReraise.class,
            LockInheritedGlobal.class,
            LockInitializerFix.class,
            InheritedGlobalSpawn.class,
            LockManagerFix.class,
            ConditionSilentFailure.class,
            ConditionErrorCallback.class,
            ConditionSyncReraise.class,
            ConditionInheritedGlobal.class,
            ConditionInitializerFix.class,
            ConditionLostWakeup.class,
            ConditionManagerFix.class,
            ManagerValueRace.class,
            PoolWorkerCrash.class,
            BankRace.class,
            BankLock.class,
            BankAtomic.class,
            ValueArrayRace.class,
            ValueArrayLock.class,
            Processes.class,
            QueueDemo.class,
            PoolMap.class,
            PoolPids.class);

    private static final List<DemoInfo> DEMOS = read(CLASSES);

    private DemoCatalog() {
    }

    public static List<DemoInfo> all() {
        return DEMOS;
    }

    public static Optional<DemoInfo> find(String id) {
        return DEMOS.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /**
     * The demos of these classes: topics in the order they first appear, each topic's demos by their order.
     * Fails on a duplicate id or step, so a mistake in an annotation shows at the first use of the catalog.
     */
    static List<DemoInfo> read(List<Class<?>> classes) {
        List<String> topics = new ArrayList<>();
        List<DemoInfo> demos = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> steps = new HashSet<>();
        for (Class<?> type : classes) {
            DemoInfo demo = DemoInfo.of(type);
            int order = type.getAnnotation(Demo.class).order();
            if (!ids.add(demo.id())) throw new IllegalStateException("two demos are called " + demo.id());
            if (!steps.add(demo.topic() + " " + order)) {
                throw new IllegalStateException("two demos are step " + order + " of " + demo.topic());
            }
            if (!topics.contains(demo.topic())) topics.add(demo.topic());
            demos.add(demo);
        }
        demos.sort(Comparator.comparingInt((DemoInfo d) -> topics.indexOf(d.topic()))
                .thenComparingInt(d -> d.mainClass().getAnnotation(Demo.class).order()));
        return List.copyOf(demos);
    }
}
