package org.mpdemo.multiprocessing.shared;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import org.mpdemo.multiprocessing.internal.reduction.Reduction;

/**
 * A flag processes can wait for (CPython's {@code multiprocessing.Event}): unlike a bare condition, a
 * {@link #set()} before anyone waits is not lost.
 */
public class Event implements Serializable {
    private static final long serialVersionUID = 1L;

    // plumbing, untraced: an Event's trace is its own set/wait, not the locks inside it
    private final Condition condition = new Condition(Lock.untraced(), false);
    private final Semaphore flag = Semaphore.untraced(0);

    public boolean isSet() {
        try (var held = condition.hold()) {
            if (flag.acquire(false)) {
                flag.release();
                return true;
            }
            return false;
        }
    }

    public void set() {
        try (var held = condition.hold()) {
            flag.acquire(false);
            flag.release();
            condition.signalAll();
        }
    }

    public void clear() {
        try (var held = condition.hold()) {
            flag.acquire(false);
        }
    }

    /** Waits until the flag is set; returns {@code true}. */
    public boolean await() {
        return await(-1);
    }

    /** Waits at most {@code timeout} seconds (negative: no limit); returns whether the flag is set. */
    public boolean await(double timeout) {
        try (var held = condition.hold()) {
            if (flag.acquire(false)) {
                flag.release();
                return true;
            }
            condition.await(timeout);
            if (flag.acquire(false)) {
                flag.release();
                return true;
            }
            return false;
        }
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        Reduction.assertSpawning(this);
        out.defaultWriteObject();
    }
}
