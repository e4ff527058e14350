package org.mpdemo.demos.semaphore;

import java.util.Map;
import org.mpdemo.classroom.Expectations;
import org.mpdemo.classroom.Expectations.Expectation;

/**
 * What each semaphore demo documents, as the check {@code mpdemo verify} and the tests make (built by
 * {@link Expectations}, as the lock demos' are).
 */
public final class SemaphoreExpectations {

    private SemaphoreExpectations() {
    }

    /** The documented behaviour of each demo of the topic, by its class. */
    public static Map<Class<?>, Expectation> byDemo() {
        return Map.of(
                SemaphoreSilentFailure.class, Expectations.silentFailure("Semaphore"),
                SemaphoreErrorCallback.class, Expectations.errorCallback("Semaphore"),
                SemaphoreSyncReraise.class, Expectations.syncReraise("Semaphore"),
                SemaphoreInheritedGlobal.class, Expectations.sharedFix("Semaphore", 2),
                SemaphoreInitializerFix.class, Expectations.sharedFix("Semaphore", 2),
                SemaphoreManagerFix.class,
                Expectations.managerFix("Semaphore", 2, Expectations.OVERLAP_SCALE, 3));
    }
}
