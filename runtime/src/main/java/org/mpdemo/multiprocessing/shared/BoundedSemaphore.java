package org.mpdemo.multiprocessing.shared;

/**
 * A semaphore that refuses to be released above its initial value (CPython's
 * {@code multiprocessing.BoundedSemaphore}): the extra release raises {@link IllegalStateException}.
 */
public class BoundedSemaphore extends Semaphore {
    private static final long serialVersionUID = 1L;

    public BoundedSemaphore() {
        this(1);
    }

    public BoundedSemaphore(int value) {
        super(value, value);
    }
}
