package org.mpdemo.multiprocessing.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.mpdemo.multiprocessing.errors.ProcessError;
import org.mpdemo.multiprocessing.errors.WorkerDiedError;
import org.mpdemo.multiprocessing.internal.launch.ClassDataArchive;
import org.mpdemo.multiprocessing.internal.launch.Fork;
import org.mpdemo.multiprocessing.internal.launch.Spawner;
import org.mpdemo.multiprocessing.internal.reduction.Functions;
import org.mpdemo.multiprocessing.internal.reduction.Invoker;
import org.mpdemo.multiprocessing.internal.reduction.Reduction;
import org.mpdemo.multiprocessing.internal.wire.Boot;
import org.mpdemo.multiprocessing.internal.wire.Failure;
import org.mpdemo.multiprocessing.trace.Trace;
import org.mpdemo.multiprocessing.trace.TraceEvent;

/**
 * A pool's worker supervision: starting workers, hearing from them (ready, a result, an exit), replacing those
 * that die or retire, and giving up when they keep failing to start.
 *
 * <p>The first worker starts alone: with as many JVMs starting as there are cores, each would start at a
 * fraction of the speed and the first task would wait for all of them. The others start once the first has
 * answered its first task, or a moment after it was ready ({@link #onReady}).
 */
final class Workers {
    private static final AtomicInteger WORKER_NAMES = new AtomicInteger();
    /**
     * How long the other workers wait for the first worker's first result, at most: started at once they would
     * take the CPUs from it.
     */
    private static final long OTHERS_WAIT_MILLIS = 20;

    final Scheduler scheduler;
    private final PoolState state;
    private final Invoker initializer;
    private final Object[] initargs;
    /** Under fork, the class whose static fields every worker receives (Python's {@code __main__}). */
    private final Class<?> mainClass;
    /** Workers counted as serving but not yet in the pool's list (guarded by the lock). */
    private int startingNow;
    /** Whether the workers after the first may start (see {@link #onReady}; written under the lock). */
    private volatile boolean othersMayStart;
    /** Workers in a row that ended before they were ready, by exiting (see {@link #onExit}). */
    private int startFailures;
    /** Workers in a row that a signal ended before they were ready. */
    private int startKills;
    /** How the first of the {@link #startFailures} in a row ended. */
    private String firstStartFailure;

    Workers(PoolState state, Invoker initializer, Object[] initargs, Class<?> mainClass) {
        this.state = state;
        this.initializer = initializer;
        this.initargs = initargs;
        this.mainClass = mainClass;
        this.scheduler = new Scheduler(state, this);
    }

    /** Starts the first worker, alone. */
    void startFirst() {
        startingNow = 1;
        spawnWorker(true);
    }

    /** How many workers to start so that {@code processes} are serving (called with the lock held). */
    int missingWorkers() {
        if (state.brokenReason != null || state.noMoreWorkers()) return 0;
        int serving = 0;
        for (WorkerHandle w : state.workers) if (!w.retiring && !w.exitSent) serving++;
        // until the first worker has served, it is the only one; this once counted the workers still missing,
        // and so started a second one beside the first
        int missing = (othersMayStart ? state.processes : 1) - serving;
        // count the workers being started too, so that two threads never start the same replacement
        int toStart = Math.max(0, missing - startingNow);
        startingNow += toStart;
        return toStart;
    }

    /**
     * Starts {@code count} workers counted in {@link #startingNow}; each start is tried, so that each one's count
     * is given back (join() waits for them), and the first failure is raised after.
     */
    void spawnWorkers(int count) {
        RuntimeException failure = null;
        for (int i = 0; i < count; i++) {
            try {
                spawnWorker(false);
            } catch (RuntimeException e) {
                if (failure == null) failure = e;
            }
        }
        if (failure != null) throw failure;
    }

    void startAside(int count) {
        Thread starter = new Thread(() -> {
            try {
                spawnWorkers(count);
            } catch (RuntimeException e) {
                // no caller to raise it to: say it, and let the workers that did start serve
                System.err.println("mpdemo: " + e.getMessage());
            }
        }, "pool-worker-starter");
        starter.setDaemon(true);
        starter.start();
    }

    /**
     * @param first the pool's first worker, alone on the way to the first result: it gets the collector that
     *              starts fastest ({@link Spawner#START_GC}); the others, started once it has served, and
     *              replacements the one that serves fastest and compiles its task path early
     *              ({@link Spawner#workerFlags()})
     */
    private void spawnWorker(boolean first) {
        state.lock.lock();
        try {
            if (state.noMoreWorkers()) { // e.g. shutdown() came, and the work ran out, while this start waited
                startDone();
                return;
            }
        } finally {
            state.lock.unlock();
        }
        String name = (mainClass != null ? "ForkPoolWorker-" : "SpawnPoolWorker-") + WORKER_NAMES.incrementAndGet();
        try {
            byte[] boot = boot(name);
            WorkerHandle w = new WorkerHandle(this, name, first ? Spawner.HOT_PATHS : Spawner.workerFlags());
            state.lock.lock();
            try {
                startDone();
                if (state.noMoreWorkers()) { // not booted yet: nothing of it to wait for
                    w.kill();
                    return;
                }
                state.workers.add(w);
            } finally {
                state.lock.unlock();
            }
            w.child.boot(boot);
        } catch (RuntimeException e) {
            state.lock.lock();
            try {
                startDone();
            } finally {
                state.lock.unlock();
            }
            throw e;
        }
    }

    /** Under fork, each worker gets the globals as they are when it starts, as a forked one would. */
    private byte[] boot(String name) {
        byte[] init = initializer == null ? null : Reduction.spawning(() -> Functions.encode(initializer));
        return new Boot(name, WorkerHandle.TARGET, new Object[] {init, initargs},
                mainClass == null ? null : mainClass.getName(), Fork.snapshot(mainClass)).serialize();
    }

    /** A start counted in {@link #startingNow} is over (called with the lock held): join() may be waiting for it. */
    private void startDone() {
        if (startingNow > 0) startingNow--;
        state.workersChanged.signalAll();
    }

    // ---- events from workers, on their reader threads ---------------------------------------------------------

    void onReady(WorkerHandle w) {
        state.lock.lock();
        try {
            w.ready = true;
            startFailures = 0;
            startKills = 0;
        } finally {
            state.lock.unlock();
        }
        Trace.event(TraceEvent.WORKER_READY, "worker", w.pid(), "name", w.name);
        scheduler.dispatch(true); // its first task, and the other workers if they may start
        if (othersMayStart) return;
        // The first worker: with a task, the others start once it has answered (onResult), or OTHERS_WAIT_MILLIS
        // from now if it takes longer; with nothing to do, at once.
        boolean busy;
        state.lock.lock();
        try {
            busy = !w.inflight.isEmpty();
        } finally {
            state.lock.unlock();
        }
        if (!busy) {
            letOthersStart();
            return;
        }
        Thread timer = new Thread(() -> {
            try {
                Thread.sleep(OTHERS_WAIT_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            letOthersStart();
        }, "pool-start-timer");
        timer.setDaemon(true);
        timer.start();
    }

    /** The first worker has served, or it took too long: start the others (see {@link #onReady}). */
    private void letOthersStart() {
        state.lock.lock();
        try {
            if (othersMayStart) return;
            othersMayStart = true;
        } finally {
            state.lock.unlock();
        }
        scheduler.dispatch(true);
    }

    void onResult(WorkerHandle w, ResultFrame result) {
        Job.Chunk chunk;
        state.lock.lock();
        try {
            chunk = w.inflight.remove(result.taskId());
        } finally {
            state.lock.unlock();
        }
        scheduler.served(result.nanos(), chunk == null ? 1 : chunk.size);
        if (!othersMayStart) letOthersStart();
        scheduler.dispatch(); // keep the worker busy before spending time on this result
        if (chunk == null) return;
        if (result.ok()) {
            List<Object> values;
            try {
                values = Reduction.decodeList(result.body());
            } catch (RuntimeException e) {
                chunk.job.chunkFailed(chunk, e);
                return;
            }
            chunk.job.chunkDone(chunk, values);
        } else {
            Throwable error = Failure.decode(result.body());
            Trace.event(TraceEvent.ERROR, "job", chunk.job.id, "task", chunk.start, "type",
                    error.getClass().getSimpleName(), "message", String.valueOf(error.getMessage()),
                    "where", "worker " + w.pid());
            chunk.job.chunkFailed(chunk, error);
        }
    }

    void onExit(WorkerHandle w) {
        int status = w.awaitExit(5, TimeUnit.SECONDS);
        List<Job.Chunk> lost;
        boolean terminated;
        List<Job.Chunk> abandoned = List.of();
        state.lock.lock();
        try {
            state.workers.remove(w);
            if (w.ready) othersMayStart = true; // the first worker died serving: no reason to wait for it
            lost = new ArrayList<>(w.inflight.values());
            w.inflight.clear();
            terminated = state.run == PoolState.Run.TERMINATE;
            if (!w.ready && !terminated) {
                ClassDataArchive.startFailed(); // in case the archive was the cause: the replacement goes without
                startFailed(status);
            }
            if (state.brokenReason != null && state.workers.isEmpty()) {
                abandoned = new ArrayList<>(state.pending);
                state.pending.clear();
            }
            state.workersChanged.signalAll();
        } finally {
            state.lock.unlock();
        }
        Trace.event(TraceEvent.WORKER_EXIT, "worker", w.pid(), "status", status);
        if (terminated) return;
        scheduler.dispatch(); // start the replacement first: when the failure is reported, the pool is whole again
        for (Job.Chunk chunk : lost) {
            String message = "worker process " + w.pid() + " (" + w.name + ") died while running "
                    + chunk.describe() + ": " + Spawner.describeExit(status);
            Trace.event(TraceEvent.ERROR, "job", chunk.job.id, "task", chunk.start, "type", "WorkerDiedError",
                    "message", message, "where", "parent");
            chunk.job.chunkFailed(chunk, new WorkerDiedError(message, w.pid(), status));
        }
        for (Job.Chunk chunk : abandoned) chunk.job.chunkFailed(chunk, new ProcessError(state.brokenReason));
    }

    /**
     * A worker ended before it was ready (called with the lock held). One that exited by itself failed to start —
     * a JVM flag it refused, an initializer that raised — and three such in a row break the pool: the next would
     * fail the same way. One that a signal ended was most likely killed from outside (kill, the OOM killer) and
     * is replaced, like a worker killed while serving; only ten such in a row break the pool, so that a machine
     * that kills every start does not see an endless stream of JVMs.
     */
    private void startFailed(int status) {
        boolean signalled = status > 128 && status < 128 + 65;
        if (signalled ? ++startKills < 10 : ++startFailures < 3) {
            if (!signalled && startFailures == 1) firstStartFailure = Spawner.describeExit(status);
            return;
        }
        if (state.brokenReason != null) return;
        state.brokenReason = signalled
                ? "pool workers keep being killed while they start: 10 in a row, the last " + Spawner.describeExit(status)
                : "pool workers keep failing to start: 3 in a row ended before they were ready, the first with "
                        + firstStartFailure + " (a worker that cannot start says why on standard error)";
    }

    /**
     * Whether the pool is broken and has no worker left to run anything: a new task then fails at once, with the
     * reason (called with the lock held).
     */
    String brokenAndEmpty() {
        return state.brokenReason != null && state.workers.isEmpty() && startingNow == 0 ? state.brokenReason : null;
    }

    // ---- the pool's life cycle -------------------------------------------------------------------------------

    /** Kills every worker; results not ready yet fail with a {@link ProcessError}. */
    void terminate() {
        List<WorkerHandle> victims;
        List<Job> unfinished;
        state.lock.lock();
        try {
            if (state.run == PoolState.Run.TERMINATE) return;
            state.run = PoolState.Run.TERMINATE;
            state.pending.clear();
            victims = new ArrayList<>(state.workers);
            unfinished = new ArrayList<>(state.active);
        } finally {
            state.lock.unlock();
        }
        for (WorkerHandle w : victims) w.kill();
        ProcessError terminated = new ProcessError("the pool was terminated before this result was ready");
        for (Job job : unfinished) job.abort(terminated);
        for (WorkerHandle w : victims) w.awaitExit(5, TimeUnit.SECONDS);
        Trace.event(TraceEvent.POOL_TERMINATE);
    }

    /** Waits until no worker is left, nor being started (one started aside may not be in the list yet). */
    void awaitNone() {
        state.lock.lock();
        try {
            if (state.run == PoolState.Run.RUN) throw new IllegalStateException("Pool is still running");
            while (!state.workers.isEmpty() || startingNow > 0) state.workersChanged.awaitUninterruptibly();
        } finally {
            state.lock.unlock();
        }
    }

    /** Waits until at least {@code n} workers are in the pool, at most {@code timeout}; whether they are. */
    boolean awaitWorkers(int n, long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        state.lock.lock();
        try {
            while (state.workers.size() < n) {
                if (nanos <= 0) return false;
                nanos = state.workersChanged.awaitNanos(nanos);
            }
            return true;
        } finally {
            state.lock.unlock();
        }
    }

    List<Long> pids() {
        state.lock.lock();
        try {
            List<Long> pids = new ArrayList<>();
            for (WorkerHandle w : state.workers) pids.add(w.pid());
            return pids;
        } finally {
            state.lock.unlock();
        }
    }
}
