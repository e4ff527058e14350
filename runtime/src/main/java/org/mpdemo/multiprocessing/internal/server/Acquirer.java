package org.mpdemo.multiprocessing.internal.server;

/** A referent a client may hold: an acquire whose reply cannot be delivered is undone with {@link #release}. */
interface Acquirer {
    boolean acquire(boolean block, double timeout);

    void release();
}
