package org.mpdemo.multiprocessing.pool;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.mpdemo.multiprocessing.Args;
import org.mpdemo.multiprocessing.Context;
import org.mpdemo.multiprocessing.Multiprocessing;
import org.mpdemo.multiprocessing.Task;
import org.mpdemo.multiprocessing.errors.ProcessError;
import org.mpdemo.multiprocessing.errors.WorkerDiedError;
import org.mpdemo.multiprocessing.internal.launch.Fork;
import org.mpdemo.multiprocessing.internal.reduction.Invoker;
import org.mpdemo.multiprocessing.shared.Lock;
import org.mpdemo.multiprocessing.trace.Trace;
import org.mpdemo.multiprocessing.trace.TraceEvent;

/**
 * A pool of worker processes (CPython's {@code multiprocessing.pool.Pool}); every worker is a child JVM.
 *
 * <p>Tasks are serialized <em>in the parent</em> when they are submitted. A task that cannot be serialized —
 * one whose arguments hold a {@link Lock}, say — fails there, with the error CPython raises, and never reaches a
 * worker: an asynchronous call stores the error in its result, a synchronous one re-raises it.
 *
 * <p>Where CPython's pool hangs, this one reports: a worker that dies while running a task fails that task's
 * result with a {@link WorkerDiedError} naming the pid and exit status and is replaced; {@code get()} on a
 * result of a terminated pool raises at once; a callback that throws is reported and the pool goes on.
 *
 * <p>{@link #close()} terminates, as leaving CPython's {@code with Pool() as pool:} block does. Python's
 * {@code pool.close()} — accept no more tasks, let the workers finish — is {@link #shutdown()} here.
 */
public final class Pool implements AutoCloseable {
    private final PoolState state;
    private final Workers workers;
    private final Scheduler scheduler;
    private final Submission submission;
    /** Runs the results' callbacks and completions, in order ({@link #handle}). */
    private final ThreadPoolExecutor handler;

    /** A pool with one worker per CPU. */
    public Pool() {
        this(Multiprocessing.cpuCount());
    }

    /** A pool of {@code processes} workers. */
    public Pool(int processes) {
        this(processes, null, new Object[0], 0, null);
    }

    private Pool(int processes, Invoker initializer, Object[] initargs, int maxtasksperchild,
                 Context context) {
        if (processes < 1) throw new IllegalArgumentException("Number of processes must be at least 1");
        if (maxtasksperchild < 0) {
            throw new IllegalArgumentException("maxtasksperchild must be a positive int or None");
        }
        // a task goes to whichever worker is free first, so no schedule could say which process makes an access
        org.mpdemo.multiprocessing.internal.schedule.Scheduler.cannotPlay("the program starts a pool, and a "
                + "schedule cannot play its workers: each task goes to whichever worker is free first");
        Context startWith = context != null ? context : Multiprocessing.getContext(Multiprocessing.getStartMethod());
        Class<?> mainClass = Context.FORK.equals(startWith.startMethod()) ? Fork.caller() : null;
        this.state = new PoolState(processes, maxtasksperchild);
        this.workers = new Workers(state, initializer, initargs, mainClass);
        this.scheduler = workers.scheduler;
        this.submission = new Submission(this, state, workers);
        this.handler = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "pool-result-handler");
            t.setDaemon(true);
            return t;
        });
        handler.allowCoreThreadTimeOut(true);
        Trace.event(TraceEvent.POOL_START, "processes", processes);
        workers.startFirst(); // alone: the others start once it has served (see Workers)
    }

    /** Configures a pool with an initializer or {@code maxtasksperchild}: {@code Pool.builder().processes(4)…}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Python's {@code Pool(processes, initializer, initargs, maxtasksperchild)}. */
    public static final class Builder {
        private int processes = Multiprocessing.cpuCount();
        private Invoker initializer;
        private Object[] initargs = new Object[0];
        private int maxtasksperchild;
        private Context context;

        private Builder() {
        }

        /** The start method of the workers (default: {@link Multiprocessing#getStartMethod()}). */
        public Builder context(Context startWith) {
            context = startWith;
            return this;
        }

        public Builder processes(int n) {
            processes = n;
            return this;
        }

        /** Runs {@code initializer} in each worker as it starts. */
        public Builder initializer(Task.Run0 function) {
            initializer = Invoker.of(function);
            initargs = new Object[0];
            return this;
        }

        /**
         * Runs {@code initializer(arg)} in each worker as it starts. The argument travels at process start, so it
         * may be a synchronization primitive.
         */
        public <A> Builder initializer(Task.Run1<A> function, A arg) {
            initializer = Invoker.of(function);
            initargs = new Object[] {arg};
            return this;
        }

        public <A, B> Builder initializer(Task.Run2<A, B> function, A a, B b) {
            initializer = Invoker.of(function);
            initargs = new Object[] {a, b};
            return this;
        }

        /** Replace each worker after it has completed this many tasks (chunks); 0 means never. */
        public Builder maxtasksperchild(int n) {
            if (n < 1) throw new IllegalArgumentException("maxtasksperchild must be a positive int or None");
            maxtasksperchild = n;
            return this;
        }

        public Pool build() {
            return new Pool(processes, initializer, initargs, maxtasksperchild, context);
        }
    }

    // ---- keyword arguments -----------------------------------------------------------------------------------

    /** Python's {@code callback=}: called with the result. */
    public static <T> Options<T> callback(Consumer<? super T> onSuccess) {
        return Options.<T>none().callback(onSuccess);
    }

    /** Python's {@code error_callback=}: called once with the (first) error. */
    public static <T> Options<T> errorCallback(Consumer<? super Throwable> onError) {
        return Options.<T>none().errorCallback(onError);
    }

    /** Python's {@code chunksize=}. */
    public static <T> Options<T> chunksize(int size) {
        return Options.<T>none().chunksize(size);
    }

    // ---- apply ---------------------------------------------------------------------------------------------

    public <R> R apply(Task.Call0<R> f) {
        return applyAsync(f).get();
    }

    public <A, R> R apply(Task.Call1<A, R> f, A a) {
        return applyAsync(f, a).get();
    }

    public <A, B, R> R apply(Task.Call2<A, B, R> f, A a, B b) {
        return applyAsync(f, a, b).get();
    }

    public void apply(Task.Run0 f) {
        applyAsync(f).get();
    }

    public <A> void apply(Task.Run1<A> f, A a) {
        applyAsync(f, a).get();
    }

    public <A, B> void apply(Task.Run2<A, B> f, A a, B b) {
        applyAsync(f, a, b).get();
    }

    public <R> AsyncResult<R> applyAsync(Task.Call0<R> f) {
        return applyAsync(f, Options.none());
    }

    public <R> AsyncResult<R> applyAsync(Task.Call0<R> f, Options<? super R> options) {
        return submission.submitApply(Invoker.of(f), new Object[0], options);
    }

    public <A, R> AsyncResult<R> applyAsync(Task.Call1<A, R> f, A a) {
        return applyAsync(f, a, Options.none());
    }

    public <A, R> AsyncResult<R> applyAsync(Task.Call1<A, R> f, A a, Options<? super R> options) {
        return submission.submitApply(Invoker.of(f), new Object[] {a}, options);
    }

    public <A, B, R> AsyncResult<R> applyAsync(Task.Call2<A, B, R> f, A a, B b) {
        return applyAsync(f, a, b, Options.none());
    }

    public <A, B, R> AsyncResult<R> applyAsync(Task.Call2<A, B, R> f, A a, B b, Options<? super R> options) {
        return submission.submitApply(Invoker.of(f), new Object[] {a, b}, options);
    }

    public AsyncResult<Void> applyAsync(Task.Run0 f) {
        return applyAsync(f, Options.none());
    }

    public <R> AsyncResult<R> applyAsync(Task.Run0 f, Options<? super R> options) {
        return submission.submitApply(Invoker.of(f), new Object[0], options);
    }

    public <A> AsyncResult<Void> applyAsync(Task.Run1<A> f, A a) {
        return applyAsync(f, a, Options.none());
    }

    public <A, R> AsyncResult<R> applyAsync(Task.Run1<A> f, A a, Options<? super R> options) {
        return submission.submitApply(Invoker.of(f), new Object[] {a}, options);
    }

    public <A, B> AsyncResult<Void> applyAsync(Task.Run2<A, B> f, A a, B b) {
        return applyAsync(f, a, b, Options.none());
    }

    public <A, B, R> AsyncResult<R> applyAsync(Task.Run2<A, B> f, A a, B b, Options<? super R> options) {
        return submission.submitApply(Invoker.of(f), new Object[] {a, b}, options);
    }

    // ---- map and starmap -----------------------------------------------------------------------------------

    public <A, R> List<R> map(Task.Call1<A, R> f, Iterable<? extends A> items) {
        return mapAsync(f, items).get();
    }

    public <A, R> List<R> map(Task.Call1<A, R> f, Iterable<? extends A> items, int chunksize) {
        return mapAsync(f, items, Pool.<List<R>>chunksize(chunksize)).get();
    }

    public <A, R> AsyncResult<List<R>> mapAsync(Task.Call1<A, R> f, Iterable<? extends A> items) {
        return mapAsync(f, items, Options.none());
    }

    public <A, R> AsyncResult<List<R>> mapAsync(Task.Call1<A, R> f, Iterable<? extends A> items,
                                                Options<? super List<R>> options) {
        return submission.submitMap("map", Invoker.of(f), items, false, options);
    }

    public <A> List<Void> map(Task.Run1<A> f, Iterable<? extends A> items) {
        return mapAsync(f, items).get();
    }

    public <A> AsyncResult<List<Void>> mapAsync(Task.Run1<A> f, Iterable<? extends A> items) {
        return mapAsync(f, items, Options.none());
    }

    public <A, R> AsyncResult<List<R>> mapAsync(Task.Run1<A> f, Iterable<? extends A> items,
                                                Options<? super List<R>> options) {
        return submission.submitMap("map", Invoker.of(f), items, false, options);
    }

    public <A, B, R> List<R> starmap(Task.Call2<A, B, R> f, Iterable<? extends Args.Two<A, B>> items) {
        return starmapAsync(f, items).get();
    }

    public <A, B> List<Void> starmap(Task.Run2<A, B> f, Iterable<? extends Args.Two<A, B>> items) {
        return starmapAsync(f, items).get();
    }

    public <A, B, C, R> List<R> starmap(Task.Call3<A, B, C, R> f, Iterable<? extends Args.Three<A, B, C>> items) {
        return starmapAsync(f, items).get();
    }

    public <A, B, C> List<Void> starmap(Task.Run3<A, B, C> f, Iterable<? extends Args.Three<A, B, C>> items) {
        return starmapAsync(f, items).get();
    }

    public <A, B, R> AsyncResult<List<R>> starmapAsync(Task.Call2<A, B, R> f,
                                                       Iterable<? extends Args.Two<A, B>> items) {
        return starmapAsync(f, items, Options.none());
    }

    public <A, B, R> AsyncResult<List<R>> starmapAsync(Task.Call2<A, B, R> f, Iterable<? extends Args.Two<A, B>> items,
                                                       Options<? super List<R>> options) {
        return submission.submitMap("starmap", Invoker.of(f), items, true, options);
    }

    public <A, B> AsyncResult<List<Void>> starmapAsync(Task.Run2<A, B> f, Iterable<? extends Args.Two<A, B>> items) {
        return starmapAsync(f, items, Options.none());
    }

    public <A, B, R> AsyncResult<List<R>> starmapAsync(Task.Run2<A, B> f, Iterable<? extends Args.Two<A, B>> items,
                                                       Options<? super List<R>> options) {
        return submission.submitMap("starmap", Invoker.of(f), items, true, options);
    }

    public <A, B, C, R> AsyncResult<List<R>> starmapAsync(Task.Call3<A, B, C, R> f,
                                                          Iterable<? extends Args.Three<A, B, C>> items) {
        return starmapAsync(f, items, Options.none());
    }

    public <A, B, C, R> AsyncResult<List<R>> starmapAsync(Task.Call3<A, B, C, R> f,
                                                          Iterable<? extends Args.Three<A, B, C>> items,
                                                          Options<? super List<R>> options) {
        return submission.submitMap("starmap", Invoker.of(f), items, true, options);
    }

    public <A, B, C> AsyncResult<List<Void>> starmapAsync(Task.Run3<A, B, C> f,
                                                          Iterable<? extends Args.Three<A, B, C>> items) {
        return starmapAsync(f, items, Options.none());
    }

    public <A, B, C, R> AsyncResult<List<R>> starmapAsync(Task.Run3<A, B, C> f,
                                                          Iterable<? extends Args.Three<A, B, C>> items,
                                                          Options<? super List<R>> options) {
        return submission.submitMap("starmap", Invoker.of(f), items, true, options);
    }

    // ---- imap ------------------------------------------------------------------------------------------------

    /** Results in item order, as they become available; chunks of one item. */
    public <A, R> IMapIterator<R> imap(Task.Call1<A, R> f, Iterable<? extends A> items) {
        return imap(f, items, 1);
    }

    public <A, R> IMapIterator<R> imap(Task.Call1<A, R> f, Iterable<? extends A> items, int chunksize) {
        return submission.submitIMap("imap", Invoker.of(f), items, chunksize, true);
    }

    /** Results in the order they come back; chunks of one item. */
    public <A, R> IMapIterator<R> imapUnordered(Task.Call1<A, R> f, Iterable<? extends A> items) {
        return imapUnordered(f, items, 1);
    }

    public <A, R> IMapIterator<R> imapUnordered(Task.Call1<A, R> f, Iterable<? extends A> items, int chunksize) {
        return submission.submitIMap("imap_unordered", Invoker.of(f), items, chunksize, false);
    }

    // ---- life cycle --------------------------------------------------------------------------------------------

    /**
     * Python's {@code pool.close()}: accept no more tasks; the workers exit once the submitted work is done.
     * Follow it with {@link #join()}.
     */
    public void shutdown() {
        state.lock.lock();
        try {
            if (state.run == PoolState.Run.RUN) state.run = PoolState.Run.CLOSE;
        } finally {
            state.lock.unlock();
        }
        Trace.event(TraceEvent.POOL_CLOSE);
        scheduler.dispatch();
    }

    /**
     * Stops every worker at once. Results not ready yet fail with a {@link ProcessError} — their {@code get()}
     * raises immediately instead of hanging as CPython's does — and their callbacks are not called.
     */
    public void terminate() {
        workers.terminate();
    }

    /** Waits for the worker processes to exit; call {@link #shutdown()} or {@link #terminate()} first. */
    public void join() {
        workers.awaitNone();
        // let callbacks already queued run before join returns
        CountDownLatch drained = new CountDownLatch(1);
        handler.execute(drained::countDown);
        try {
            drained.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Terminates the pool, as leaving CPython's {@code with Pool() as pool:} block does. */
    @Override
    public void close() {
        terminate();
    }

    /** The operating-system pids of the live workers (for demos and tests). */
    public List<Long> workerPids() {
        return workers.pids();
    }

    /** Waits until at least {@code n} workers are in the pool, at most {@code timeout}; whether they are (tests). */
    boolean awaitWorkers(int n, long timeout, TimeUnit unit) throws InterruptedException {
        return workers.awaitWorkers(n, timeout, unit);
    }

    /** How many workers the pool keeps. */
    public int processes() {
        return state.processes;
    }

    void jobFinished(Job job) {
        state.lock.lock();
        try {
            state.active.remove(job);
        } finally {
            state.lock.unlock();
        }
    }

    /**
     * Runs a result's callbacks and completion: on the pool's result-handler thread, in order — except for a
     * result completed while it was being submitted (every task failed to serialize, or there was nothing to
     * do), whose callbacks run at once in the caller, before the call returns. CPython's handler thread calls
     * them a fraction of a millisecond later; running them here makes "the error is reported before the
     * program goes on" hold however busy the machine is.
     */
    void handle(Runnable completion) {
        if (Submission.submitting()) completion.run();
        else handler.execute(completion);
    }

    @Override
    public String toString() {
        state.lock.lock();
        try {
            return "<Pool state=" + state.run + " pool_size=" + state.processes + ">";
        } finally {
            state.lock.unlock();
        }
    }
}
