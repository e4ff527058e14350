package org.mpdemo.multiprocessing;

import java.io.Serializable;

/**
 * Where a {@link SemLock} keeps its value and owner. This implementation lives in one process's heap;
 * primitives shared between processes keep the same fields in shared memory.
 */
class SemState implements Serializable {
    private static final long serialVersionUID = 1L;

    private int value;
    private long owner;
    private int count;

    SemState(int value) {
        this.value = value;
    }

    static SemState create(int value) {
        return new SemState(value);
    }

    /** Takes one unit, waiting up to {@code nanos} (0: not at all, negative: for ever). */
    synchronized boolean down(long nanos) {
        if (value > 0) {
            value--;
            return true;
        }
        if (nanos == 0) return false;
        long deadline = nanos < 0 ? 0 : System.nanoTime() + nanos;
        try {
            while (value == 0) {
                if (nanos < 0) {
                    wait();
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) return false;
                    wait(left / 1_000_000, (int) (left % 1_000_000));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessError("interrupted while waiting to acquire");
        }
        value--;
        return true;
    }

    synchronized void up() {
        value++;
        notify();
    }

    synchronized int value() {
        return value;
    }

    synchronized void own(long who) {
        owner = who;
        count = 1;
    }

    synchronized void disown() {
        count = 0;
    }

    synchronized void recurse(int delta) {
        count += delta;
    }

    synchronized long owner() {
        return owner;
    }

    synchronized int count() {
        return count;
    }
}
