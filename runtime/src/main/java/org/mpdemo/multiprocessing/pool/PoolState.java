package org.mpdemo.multiprocessing.pool;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the parts of a pool share, all guarded by one lock: its run state, the chunks waiting for a worker, the
 * workers, and the jobs not finished. The parts are {@link Submission} (in the caller), {@link Scheduler}
 * (handing chunks out) and {@link Workers} (starting, watching and replacing the workers).
 */
final class PoolState {
    enum Run { RUN, CLOSE, TERMINATE }

    final int processes;
    /** Replace a worker after this many chunks; 0 means never. */
    final int maxtasksperchild;
    final ReentrantLock lock = new ReentrantLock();
    /** Signalled when a worker comes or goes, or a start is over. */
    final Condition workersChanged = lock.newCondition();
    final ArrayDeque<Job.Chunk> pending = new ArrayDeque<>();
    final List<WorkerHandle> workers = new ArrayList<>();
    final Set<Job> active = new HashSet<>();
    Run run = Run.RUN;
    /** Why the pool gave up starting workers; null while it has not. */
    String brokenReason;

    PoolState(int processes, int maxtasksperchild) {
        this.processes = processes;
        this.maxtasksperchild = maxtasksperchild;
    }

    /** Whether the pool will never need another worker (called with the lock held). */
    boolean noMoreWorkers() {
        return run == Run.TERMINATE || (run == Run.CLOSE && pending.isEmpty());
    }

    void checkRunning() {
        if (run != Run.RUN) throw new IllegalStateException("Pool not running");
    }
}
