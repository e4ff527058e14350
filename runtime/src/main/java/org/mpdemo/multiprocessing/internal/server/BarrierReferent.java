package org.mpdemo.multiprocessing.internal.server;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Behind a {@code BarrierProxy}: threading.Barrier. {@code wait} returns 0 for the first to arrive; a timeout
 * breaks the barrier, and so does {@code abort}, until {@code reset}.
 */
final class BarrierReferent {
    final CyclicBarrier barrier;
    private volatile boolean aborted;

    BarrierReferent(int parties) {
        barrier = new CyclicBarrier(parties);
    }

    int await(double timeout) throws BrokenBarrierException {
        if (aborted) throw new BrokenBarrierException();
        int arrival;
        try {
            arrival = timeout < 0 ? barrier.await() : barrier.await((long) (timeout * 1e9), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new BrokenBarrierException();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokenBarrierException();
        }
        return barrier.getParties() - 1 - arrival;
    }

    void abort() {
        aborted = true;
        barrier.reset(); // those waiting get BrokenBarrierException
    }

    void reset() {
        aborted = false;
        barrier.reset();
    }

    boolean isBroken() {
        return aborted || barrier.isBroken();
    }
}
