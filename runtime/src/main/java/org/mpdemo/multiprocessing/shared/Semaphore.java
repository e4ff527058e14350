package org.mpdemo.multiprocessing.shared;

/** A counting semaphore (CPython's {@code multiprocessing.Semaphore}); {@code new Semaphore()} has value 1. */
public class Semaphore extends SemLock {
    private static final long serialVersionUID = 1L;

    public Semaphore() {
        this(1);
    }

    public Semaphore(int value) {
        super(Kind.SEMAPHORE, value, SEM_VALUE_MAX);
    }

    Semaphore(int value, int maxvalue) {
        super(Kind.SEMAPHORE, value, maxvalue);
    }

    private Semaphore(int value, boolean traced) {
        super(Kind.SEMAPHORE, value, SEM_VALUE_MAX, traced);
    }

    /** Plumbing of another primitive: leaves no trace events of its own. */
    static Semaphore untraced(int value) {
        return new Semaphore(value, false);
    }

    /**
     * The current value (Python's {@code get_value()}). A monitoring method, as
     * {@link java.util.concurrent.Semaphore#availablePermits} is: a snapshot that other processes change at once,
     * not a promise that an {@code acquire} will not block (use {@code acquire(false)} to try).
     */
    public int getValue() {
        return rawValue();
    }
}
