package org.mpdemo.multiprocessing.pool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.mpdemo.multiprocessing.Args;
import org.mpdemo.multiprocessing.Context;
import org.mpdemo.multiprocessing.Multiprocessing;
import org.mpdemo.multiprocessing.Process;
import org.mpdemo.multiprocessing.Task;
import org.mpdemo.multiprocessing.errors.ProcessError;
import org.mpdemo.multiprocessing.errors.WorkerDiedError;
import org.mpdemo.multiprocessing.internal.launch.ChildMain;
import org.mpdemo.multiprocessing.internal.launch.ClassDataArchive;
import org.mpdemo.multiprocessing.internal.launch.Fork;
import org.mpdemo.multiprocessing.internal.launch.LineSink;
import org.mpdemo.multiprocessing.internal.launch.Spawner;
import org.mpdemo.multiprocessing.internal.reduction.Functions;
import org.mpdemo.multiprocessing.internal.reduction.Invoker;
import org.mpdemo.multiprocessing.internal.reduction.Reduction;
import org.mpdemo.multiprocessing.internal.wire.Boot;
import org.mpdemo.multiprocessing.internal.wire.Connection;
import org.mpdemo.multiprocessing.internal.wire.Failure;
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
    private enum State { RUN, CLOSE, TERMINATE }

    /** A task that took less than this (measured in the worker) lets the pool send several ahead. */
    private static final long FAST_TASK_NANOS = 200_000;
    private static final int PREFETCH = 16;
    private static final AtomicInteger WORKER_NAMES = new AtomicInteger();

    private final int processes;
    private final Invoker initializer;
    private final Object[] initargs;
    private final int maxtasksperchild;
    private final Context context;
    /** Under fork, the class whose static fields every worker receives (Python's {@code __main__}). */
    private final Class<?> mainClass;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workersChanged = lock.newCondition();
    private final ArrayDeque<Job.Chunk> pending = new ArrayDeque<>();
    private final List<WorkerHandle> workers = new ArrayList<>();
    private final Set<Job> active = new HashSet<>();
    private State state = State.RUN;
    private long jobCounter;
    private long taskCounter;
    private int startFailures;
    private String brokenReason;

    private final Map<Object, FunctionEntry> functions = new WeakHashMap<>();
    private int functionCounter;
    private volatile long serviceNanos = Long.MAX_VALUE;
    private final ThreadPoolExecutor handler;

    private record FunctionEntry(int id, byte[] bytes) {
    }

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
        this.processes = processes;
        this.initializer = initializer;
        this.initargs = initargs;
        this.maxtasksperchild = maxtasksperchild;
        this.context = context != null ? context : Multiprocessing.getContext(Multiprocessing.getStartMethod());
        this.mainClass = Context.FORK.equals(this.context.startMethod()) ? Fork.caller() : null;
        this.handler = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "pool-result-handler");
            t.setDaemon(true);
            return t;
        });
        handler.allowCoreThreadTimeOut(true);
        Trace.event(TraceEvent.POOL_START, "processes", processes);
        // One worker first, alone: with as many JVMs starting as there are cores, each would start at a
        // fraction of the speed and the first task would wait for all of them. The others start once the first
        // has answered its first task, or a moment after it was ready (see onReady).
        startingNow = 1;
        spawnWorker(true);
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
        return submitApply(Invoker.of(f), new Object[0], options);
    }

    public <A, R> AsyncResult<R> applyAsync(Task.Call1<A, R> f, A a) {
        return applyAsync(f, a, Options.none());
    }

    public <A, R> AsyncResult<R> applyAsync(Task.Call1<A, R> f, A a, Options<? super R> options) {
        return submitApply(Invoker.of(f), new Object[] {a}, options);
    }

    public <A, B, R> AsyncResult<R> applyAsync(Task.Call2<A, B, R> f, A a, B b) {
        return applyAsync(f, a, b, Options.none());
    }

    public <A, B, R> AsyncResult<R> applyAsync(Task.Call2<A, B, R> f, A a, B b, Options<? super R> options) {
        return submitApply(Invoker.of(f), new Object[] {a, b}, options);
    }

    public AsyncResult<Void> applyAsync(Task.Run0 f) {
        return applyAsync(f, Options.none());
    }

    public <R> AsyncResult<R> applyAsync(Task.Run0 f, Options<? super R> options) {
        return submitApply(Invoker.of(f), new Object[0], options);
    }

    public <A> AsyncResult<Void> applyAsync(Task.Run1<A> f, A a) {
        return applyAsync(f, a, Options.none());
    }

    public <A, R> AsyncResult<R> applyAsync(Task.Run1<A> f, A a, Options<? super R> options) {
        return submitApply(Invoker.of(f), new Object[] {a}, options);
    }

    public <A, B> AsyncResult<Void> applyAsync(Task.Run2<A, B> f, A a, B b) {
        return applyAsync(f, a, b, Options.none());
    }

    public <A, B, R> AsyncResult<R> applyAsync(Task.Run2<A, B> f, A a, B b, Options<? super R> options) {
        return submitApply(Invoker.of(f), new Object[] {a, b}, options);
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
        return submitMap("map", Invoker.of(f), items, false, options);
    }

    public <A> List<Void> map(Task.Run1<A> f, Iterable<? extends A> items) {
        return mapAsync(f, items).get();
    }

    public <A> AsyncResult<List<Void>> mapAsync(Task.Run1<A> f, Iterable<? extends A> items) {
        return mapAsync(f, items, Options.none());
    }

    public <A, R> AsyncResult<List<R>> mapAsync(Task.Run1<A> f, Iterable<? extends A> items,
                                                Options<? super List<R>> options) {
        return submitMap("map", Invoker.of(f), items, false, options);
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
        return submitMap("starmap", Invoker.of(f), items, true, options);
    }

    public <A, B> AsyncResult<List<Void>> starmapAsync(Task.Run2<A, B> f, Iterable<? extends Args.Two<A, B>> items) {
        return starmapAsync(f, items, Options.none());
    }

    public <A, B, R> AsyncResult<List<R>> starmapAsync(Task.Run2<A, B> f, Iterable<? extends Args.Two<A, B>> items,
                                                       Options<? super List<R>> options) {
        return submitMap("starmap", Invoker.of(f), items, true, options);
    }

    public <A, B, C, R> AsyncResult<List<R>> starmapAsync(Task.Call3<A, B, C, R> f,
                                                          Iterable<? extends Args.Three<A, B, C>> items) {
        return starmapAsync(f, items, Options.none());
    }

    public <A, B, C, R> AsyncResult<List<R>> starmapAsync(Task.Call3<A, B, C, R> f,
                                                          Iterable<? extends Args.Three<A, B, C>> items,
                                                          Options<? super List<R>> options) {
        return submitMap("starmap", Invoker.of(f), items, true, options);
    }

    public <A, B, C> AsyncResult<List<Void>> starmapAsync(Task.Run3<A, B, C> f,
                                                          Iterable<? extends Args.Three<A, B, C>> items) {
        return starmapAsync(f, items, Options.none());
    }

    public <A, B, C, R> AsyncResult<List<R>> starmapAsync(Task.Run3<A, B, C> f,
                                                          Iterable<? extends Args.Three<A, B, C>> items,
                                                          Options<? super List<R>> options) {
        return submitMap("starmap", Invoker.of(f), items, true, options);
    }

    // ---- imap ------------------------------------------------------------------------------------------------

    /** Results in item order, as they become available; chunks of one item. */
    public <A, R> IMapIterator<R> imap(Task.Call1<A, R> f, Iterable<? extends A> items) {
        return imap(f, items, 1);
    }

    public <A, R> IMapIterator<R> imap(Task.Call1<A, R> f, Iterable<? extends A> items, int chunksize) {
        return submitIMap("imap", Invoker.of(f), items, chunksize, true);
    }

    /** Results in the order they come back; chunks of one item. */
    public <A, R> IMapIterator<R> imapUnordered(Task.Call1<A, R> f, Iterable<? extends A> items) {
        return imapUnordered(f, items, 1);
    }

    public <A, R> IMapIterator<R> imapUnordered(Task.Call1<A, R> f, Iterable<? extends A> items, int chunksize) {
        return submitIMap("imap_unordered", Invoker.of(f), items, chunksize, false);
    }

    // ---- life cycle --------------------------------------------------------------------------------------------

    /**
     * Python's {@code pool.close()}: accept no more tasks; the workers exit once the submitted work is done.
     * Follow it with {@link #join()}.
     */
    public void shutdown() {
        lock.lock();
        try {
            if (state == State.RUN) state = State.CLOSE;
        } finally {
            lock.unlock();
        }
        Trace.event(TraceEvent.POOL_CLOSE);
        dispatch();
    }

    /**
     * Stops every worker at once. Results not ready yet fail with a {@link ProcessError} — their {@code get()}
     * raises immediately instead of hanging as CPython's does — and their callbacks are not called.
     */
    public void terminate() {
        List<WorkerHandle> victims;
        List<Job> unfinished;
        lock.lock();
        try {
            if (state == State.TERMINATE) return;
            state = State.TERMINATE;
            pending.clear();
            victims = new ArrayList<>(workers);
            unfinished = new ArrayList<>(active);
        } finally {
            lock.unlock();
        }
        for (WorkerHandle w : victims) w.process.destroyForcibly();
        ProcessError terminated = new ProcessError("the pool was terminated before this result was ready");
        for (Job job : unfinished) job.abort(terminated);
        for (WorkerHandle w : victims) w.awaitExit(5, TimeUnit.SECONDS);
        Trace.event(TraceEvent.POOL_TERMINATE);
    }

    /** Waits for the worker processes to exit; call {@link #shutdown()} or {@link #terminate()} first. */
    public void join() {
        lock.lock();
        try {
            if (state == State.RUN) throw new IllegalStateException("Pool is still running");
            // workers being started count too: one started aside (see dispatch) may not be in the list yet
            while (!workers.isEmpty() || startingNow > 0) workersChanged.awaitUninterruptibly();
        } finally {
            lock.unlock();
        }
        // let callbacks already queued run before join returns
        var drained = new java.util.concurrent.CountDownLatch(1);
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
        lock.lock();
        try {
            List<Long> pids = new ArrayList<>();
            for (WorkerHandle w : workers) pids.add(w.process.pid());
            return pids;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until at least {@code n} workers are in the pool, at most {@code timeout}; whether they are (tests). */
    boolean awaitWorkers(int n, long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lock();
        try {
            while (workers.size() < n) {
                if (nanos <= 0) return false;
                nanos = workersChanged.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** How many workers the pool keeps. */
    public int processes() {
        return processes;
    }

    // ---- submission ------------------------------------------------------------------------------------------

    private <R> AsyncResult<R> submitApply(Invoker f, Object[] args, Options<? super R> options) {
        long id = newJob();
        AsyncResult<R> result = new AsyncResult<>(this, id, "apply", options, 1, 1, true);
        submit(result, f, java.util.Collections.singletonList(args), 1, false);
        return result;
    }

    private <R> AsyncResult<List<R>> submitMap(String method, Invoker f, Iterable<?> iterable, boolean star,
                                               Options<? super List<R>> options) {
        List<Object> items = materialize(iterable, star);
        int chunksize = options.chunksize;
        if (chunksize == 0) {
            int per = processes * 4;
            chunksize = items.size() / per + (items.size() % per == 0 ? 0 : 1);
        }
        long id = newJob();
        int chunks = items.isEmpty() ? 0 : (items.size() + chunksize - 1) / chunksize;
        AsyncResult<List<R>> result = new AsyncResult<>(this, id, method, options, items.size(), chunks, false);
        if (items.isEmpty()) {
            SUBMITTING.set(true);
            try {
                result.finishEmpty();
            } finally {
                SUBMITTING.set(false);
            }
            return result;
        }
        submit(result, f, items, chunksize, true);
        return result;
    }

    private <R> IMapIterator<R> submitIMap(String method, Invoker f, Iterable<?> iterable, int chunksize,
                                           boolean ordered) {
        if (chunksize < 1) throw new IllegalArgumentException("Chunksize must be 1+, not " + chunksize);
        List<Object> items = materialize(iterable, false);
        long id = newJob();
        int chunks = (items.size() + chunksize - 1) / chunksize;
        IMapIterator<R> iterator = new IMapIterator<>(this, id, method, chunks, ordered);
        if (!items.isEmpty()) submit(iterator, f, items, chunksize, false);
        return iterator;
    }

    private List<Object> materialize(Iterable<?> iterable, boolean star) {
        checkRunning();
        List<Object> items = new ArrayList<>();
        for (Object item : iterable) {
            // every item travels as the array of arguments the function is called with
            items.add(star ? Args.toArray(item) : new Object[] {item});
        }
        return items;
    }

    private long newJob() {
        lock.lock();
        try {
            checkRunning();
            return ++jobCounter;
        } finally {
            lock.unlock();
        }
    }

    private void checkRunning() {
        if (state != State.RUN) throw new IllegalStateException("Pool not running");
    }

    /**
     * Serializes the job's chunks here, in the caller's thread, and queues them. A chunk that cannot be
     * serialized fails on the spot, as a CPython task whose pickling fails does.
     */
    private void submit(Job job, Invoker f, List<?> items, int chunksize, boolean star) {
        SUBMITTING.set(true);
        try {
            submitChunks(job, f, items, chunksize, star);
        } finally {
            SUBMITTING.set(false);
        }
    }

    private void submitChunks(Job job, Invoker f, List<?> items, int chunksize, boolean star) {
        FunctionEntry function = null;
        RuntimeException functionError = null;
        try {
            function = functionEntry(f);
        } catch (RuntimeException e) {
            functionError = e;
        }
        lock.lock();
        try {
            if (state == State.TERMINATE) {
                job.abort(new ProcessError("Pool not running"));
                return;
            }
            active.add(job);
        } finally {
            lock.unlock();
        }
        int number = 0;
        for (int start = 0; start < items.size(); start += chunksize, number++) {
            List<?> slice = items.subList(start, Math.min(items.size(), start + chunksize));
            byte[] encoded = null;
            RuntimeException error = functionError;
            if (error == null) {
                try {
                    encoded = Reduction.encodeList(slice);
                } catch (RuntimeException e) {
                    error = e;
                }
            }
            Job.Chunk chunk = new Job.Chunk(job, number, start, slice.size(), star,
                    function == null ? -1 : function.id(), function == null ? null : function.bytes(), encoded);
            if (error != null) {
                Trace.event(TraceEvent.ERROR, "job", job.id, "task", start, "type", error.getClass().getSimpleName(),
                        "message", String.valueOf(error.getMessage()), "where", "serializing in the parent");
                job.chunkFailed(chunk, error);
                continue;
            }
            lock.lock();
            try {
                if (state == State.TERMINATE) return; // terminate() aborted the job
                pending.add(chunk);
            } finally {
                lock.unlock();
            }
            // hand the first chunks out at once, so workers compute while the rest is being encoded
            if (number < 4 || number % 64 == 0) dispatch();
        }
        dispatch();
    }

    private FunctionEntry functionEntry(Invoker f) {
        lock.lock();
        try {
            FunctionEntry entry = functions.get(f.target());
            if (entry == null) {
                entry = new FunctionEntry(++functionCounter, Functions.encode(f));
                functions.put(f.target(), entry);
            }
            return entry;
        } finally {
            lock.unlock();
        }
    }

    // ---- scheduling --------------------------------------------------------------------------------------------

    private record Assignment(WorkerHandle worker, Job.Chunk chunk) {
    }

    /**
     * Hands queued chunks to ready workers. One chunk at a time per worker, as CPython's workers take one task
     * at a time from a shared queue — unless tasks are measured to be very short, when a few are sent ahead to
     * hide the round trip. Writes happen outside the pool lock.
     */
    private void dispatch() {
        dispatch(false);
    }

    /**
     * @param startAside start missing workers on a thread of their own, not the caller's: a worker's reader
     *                   calls this when the worker is ready, and each JVM it started there would delay that
     *                   worker's first result by a millisecond or more
     */
    private void dispatch(boolean startAside) {
        List<Assignment> batch = new ArrayList<>();
        List<WorkerHandle> exits = new ArrayList<>();
        int spawn = 0;
        lock.lock();
        try {
            if (state == State.TERMINATE) return;
            int depth = serviceNanos < FAST_TASK_NANOS ? PREFETCH : 1;
            boolean progress = true;
            while (!pending.isEmpty() && progress) {
                progress = false;
                for (WorkerHandle w : workers) {
                    if (pending.isEmpty()) break;
                    if (!w.ready || w.retiring || w.exitSent || w.inflight.size() >= depth) continue;
                    Job.Chunk chunk = pending.poll();
                    chunk.taskId = ++taskCounter;
                    w.inflight.put(chunk.taskId, chunk);
                    if (maxtasksperchild > 0 && ++w.assigned >= maxtasksperchild) w.retiring = true;
                    batch.add(new Assignment(w, chunk));
                    progress = true;
                }
            }
            for (WorkerHandle w : workers) {
                boolean idle = w.ready && w.inflight.isEmpty() && !w.exitSent;
                if (idle && (w.retiring || (state == State.CLOSE && pending.isEmpty()))) {
                    w.exitSent = true;
                    exits.add(w);
                }
            }
            spawn = missingWorkers();
        } finally {
            lock.unlock();
        }
        Set<WorkerHandle> touched = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Assignment a : batch) {
            a.worker.sendTask(a.chunk);
            touched.add(a.worker);
        }
        for (WorkerHandle w : touched) w.flush();
        for (WorkerHandle w : exits) w.sendExit();
        if (startAside && spawn > 0) {
            startAside(spawn);
        } else {
            spawnWorkers(spawn);
        }
    }

    /**
     * Starts {@code count} workers counted in {@link #startingNow}; each start is tried, so that each one's count
     * is given back (join() waits for them), and the first failure is raised after.
     */
    private void spawnWorkers(int count) {
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

    private void startAside(int count) {
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

    /** How many workers to start so that {@code processes} are serving (called with the lock held). */
    private int missingWorkers() {
        if (brokenReason != null) return 0;
        if (state == State.TERMINATE || (state == State.CLOSE && pending.isEmpty())) return 0;
        int serving = 0;
        for (WorkerHandle w : workers) if (!w.retiring && !w.exitSent) serving++;
        // until the first worker has served, it is the only one (see the constructor); this once counted the
        // workers still missing, and so started a second one beside the first
        int missing = (othersMayStart ? processes : 1) - serving;
        // count the workers being started too, so that two threads never start the same replacement
        int toStart = Math.max(0, missing - startingNow);
        startingNow += toStart;
        return toStart;
    }

    /** Workers counted as serving but not yet in {@link #workers} (guarded by the lock). */
    private int startingNow;
    /** Whether the workers after the first may start (see {@link #onReady}; written under the lock). */
    private volatile boolean othersMayStart;
    /**
     * How long the other workers wait for the first worker's first result, at most. Started at once they would
     * take the CPUs from it: with four JVMs starting on two cores, the first result of a {@code Pool(4)} came
     * ~2x later than a {@code Pool(1)}'s.
     */
    private static final long OTHERS_WAIT_MILLIS = 20;

    /**
     * @param first the pool's first worker, alone on the way to the first result: it gets the collector that
     *              starts fastest ({@link Spawner#START_GC}); the others, started once it has served, and
     *              replacements the one that serves fastest and compiles its task path early
     *              ({@link Spawner#workerFlags()})
     */
    private void spawnWorker(boolean first) {
        lock.lock();
        try {
            if (noMoreWorkers()) { // e.g. shutdown() came, and the work ran out, while this start waited its turn
                startDone();
                return;
            }
        } finally {
            lock.unlock();
        }
        String name = (mainClass != null ? "ForkPoolWorker-" : "SpawnPoolWorker-") + WORKER_NAMES.incrementAndGet();
        WorkerHandle w;
        try {
            // under fork, each worker gets the globals as they are when it starts, as a forked one would
            byte[] boot = new Boot(Boot.Role.POOL_WORKER, name, initializer, initargs,
                    mainClass == null ? null : mainClass.getName(), Fork.snapshot(mainClass)).serialize();
            java.lang.Process process = Spawner.start(first ? Spawner.HOT_PATHS : Spawner.workerFlags(),
                    ChildMain.class.getName());
            w = new WorkerHandle(name, process);
            lock.lock();
            try {
                startDone();
                if (noMoreWorkers()) { // not booted yet: nothing of it to wait for
                    process.destroyForcibly();
                    return;
                }
                workers.add(w);
            } finally {
                lock.unlock();
            }
            w.start(boot);
        } catch (RuntimeException e) {
            lock.lock();
            try {
                startDone();
            } finally {
                lock.unlock();
            }
            throw e;
        }
    }

    /** Whether the pool will never need another worker (called with the lock held). */
    private boolean noMoreWorkers() {
        return state == State.TERMINATE || (state == State.CLOSE && pending.isEmpty());
    }

    /** A start counted in {@link #startingNow} is over (called with the lock held): join() may be waiting for it. */
    private void startDone() {
        if (startingNow > 0) startingNow--;
        workersChanged.signalAll();
    }

    // ---- events from workers -------------------------------------------------------------------------------

    private void onReady(WorkerHandle w) {
        lock.lock();
        try {
            w.ready = true;
            startFailures = 0;
        } finally {
            lock.unlock();
        }
        Trace.event(TraceEvent.WORKER_READY, "worker", w.process.pid(), "name", w.name);
        dispatch(true); // its first task, and the other workers if they may start
        if (othersMayStart) return;
        // The first worker: with a task, the others start once it has answered (onResult), or OTHERS_WAIT_MILLIS
        // from now if it takes longer; with nothing to do, at once.
        boolean busy;
        lock.lock();
        try {
            busy = !w.inflight.isEmpty();
        } finally {
            lock.unlock();
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
        lock.lock();
        try {
            if (othersMayStart) return;
            othersMayStart = true;
        } finally {
            lock.unlock();
        }
        dispatch(true);
    }

    private void onResult(WorkerHandle w, byte[] payload) {
        ByteBuffer header = ByteBuffer.wrap(payload);
        long taskId = header.getLong();
        boolean ok = header.get() == 1;
        long nanos = header.getLong();
        byte[] body = new byte[header.remaining()];
        header.get(body);
        Job.Chunk chunk;
        lock.lock();
        try {
            chunk = w.inflight.remove(taskId);
        } finally {
            lock.unlock();
        }
        long perItem = chunk == null ? nanos : nanos / Math.max(1, chunk.size);
        long previous = serviceNanos;
        serviceNanos = previous == Long.MAX_VALUE ? perItem : (previous * 7 + perItem) / 8;
        if (!othersMayStart) letOthersStart();
        dispatch(); // keep the worker busy before spending time on this result
        if (chunk == null) return;
        if (ok) {
            List<Object> values;
            try {
                values = Reduction.decodeList(body);
            } catch (RuntimeException e) {
                chunk.job.chunkFailed(chunk, e);
                return;
            }
            chunk.job.chunkDone(chunk, values);
        } else {
            Throwable error = Failure.decode(body);
            Trace.event(TraceEvent.ERROR, "job", chunk.job.id, "task", chunk.start, "type", error.getClass().getSimpleName(),
                    "message", String.valueOf(error.getMessage()), "where", "worker " + w.process.pid());
            chunk.job.chunkFailed(chunk, error);
        }
    }

    private void onExit(WorkerHandle w) {
        int status = w.awaitExit(5, TimeUnit.SECONDS);
        w.out.close();
        w.err.close();
        List<Job.Chunk> lost;
        boolean terminated;
        List<Job.Chunk> abandoned = List.of();
        lock.lock();
        try {
            workers.remove(w);
            if (w.ready) othersMayStart = true; // the first worker died serving: no reason to wait for it
            lost = new ArrayList<>(w.inflight.values());
            w.inflight.clear();
            terminated = state == State.TERMINATE;
            if (!w.ready && !terminated) {
                ClassDataArchive.startFailed(); // in case the archive was the cause: the replacement goes without
                if (++startFailures >= 3 && brokenReason == null) {
                    brokenReason = "pool workers keep failing to start (" + Spawner.describeExit(status)
                            + "); see the error output above";
                }
            }
            if (brokenReason != null && workers.isEmpty()) {
                abandoned = new ArrayList<>(pending);
                pending.clear();
            }
            workersChanged.signalAll();
        } finally {
            lock.unlock();
        }
        Trace.event(TraceEvent.WORKER_EXIT, "worker", w.process.pid(), "status", status);
        if (!terminated) {
            dispatch(); // start the replacement first: when the failure is reported, the pool is whole again
            for (Job.Chunk chunk : lost) {
                String message = "worker process " + w.process.pid() + " (" + w.name + ") died while running "
                        + chunk.describe() + ": " + Spawner.describeExit(status);
                Trace.event(TraceEvent.ERROR, "job", chunk.job.id, "task", chunk.start, "type", "WorkerDiedError",
                        "message", message, "where", "parent");
                chunk.job.chunkFailed(chunk, new WorkerDiedError(message, w.process.pid(), status));
            }
            for (Job.Chunk chunk : abandoned) chunk.job.chunkFailed(chunk, new ProcessError(brokenReason));
        }
    }

    void jobFinished(Job job) {
        lock.lock();
        try {
            active.remove(job);
        } finally {
            lock.unlock();
        }
    }

    /** Set while the caller's thread is submitting (and may complete) a job. */
    private static final ThreadLocal<Boolean> SUBMITTING = ThreadLocal.withInitial(() -> false);

    /**
     * Runs a result's callbacks and completion: on the pool's result-handler thread, in order — except for a
     * result completed while it was being submitted (every task failed to serialize, or there was nothing to
     * do), whose callbacks run at once in the caller, before the call returns. CPython's handler thread calls
     * them a fraction of a millisecond later; running them here makes "the error is reported before the
     * program goes on" hold however busy the machine is.
     */
    void handle(Runnable completion) {
        if (SUBMITTING.get()) completion.run();
        else handler.execute(completion);
    }

    // ---- one worker ----------------------------------------------------------------------------------------

    /** The parent's side of one worker: its process, its channel, and the chunks it is running. */
    private final class WorkerHandle {
        final String name;
        final java.lang.Process process;
        final Connection connection;
        final LineSink out = new LineSink(() -> System.out);
        final LineSink err = new LineSink(() -> System.err);
        final Map<Long, Job.Chunk> inflight = new LinkedHashMap<>();
        final Set<Integer> functionsSent = new HashSet<>();
        boolean ready;
        boolean retiring;
        boolean exitSent;
        int assigned;

        WorkerHandle(String name, java.lang.Process process) {
            this.name = name;
            this.process = process;
            this.connection = new Connection(process.getInputStream(), process.getOutputStream());
        }

        void start(byte[] boot) {
            try {
                connection.send(Connection.BOOT, boot);
            } catch (IOException e) {
                // the child died at once; the reader sees end of file and reports it
            }
            Thread reader = new Thread(this::read, "pool-reader-" + name);
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try {
                Connection.Frame frame;
                while ((frame = connection.receive()) != null) {
                    switch (frame.type()) {
                        case Connection.READY -> onReady(this);
                        case Connection.OUT -> {
                            out.accept(frame.payload());
                            acknowledgePrinted();
                        }
                        case Connection.ERR -> {
                            err.accept(frame.payload());
                            acknowledgePrinted();
                        }
                        case Connection.RESULT -> onResult(this, frame.payload());
                        case Connection.DONE -> connection.closeOutput(); // lets the worker exit at once
                        default -> throw new IOException("unexpected frame type " + frame.type());
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (!(e instanceof IOException)) e.printStackTrace();
                process.destroyForcibly(); // a worker that breaks the protocol is not trusted any further
            } finally {
                connection.close();
                onExit(this);
            }
        }

        synchronized void sendTask(Job.Chunk chunk) {
            try {
                if (functionsSent.add(chunk.functionId)) {
                    connection.write(Connection.FUNCTION,
                            ByteBuffer.allocate(4).putInt(chunk.functionId).array(), chunk.function);
                }
                ByteBuffer header = ByteBuffer.allocate(29).putLong(chunk.taskId).putInt(chunk.functionId)
                        .put((byte) (chunk.star ? 1 : 0)).putLong(chunk.job.id).putLong(chunk.start);
                connection.write(Connection.TASK, header.array(), chunk.items);
            } catch (IOException e) {
                // the worker is gone; its reader fails the chunk
            }
        }

        /** Lets the worker go on: what it printed is out (see FrameOutputStream). */
        void acknowledgePrinted() {
            try {
                connection.send(Connection.PRINTED);
            } catch (IOException e) {
                // the worker is gone
            }
        }

        void flush() {
            try {
                connection.flush();
            } catch (IOException e) {
                // the worker is gone; its reader reports it
            }
        }

        void sendExit() {
            try {
                connection.send(Connection.EXIT);
            } catch (IOException e) {
                // already gone
            }
        }

        int awaitExit(long timeout, TimeUnit unit) {
            try {
                if (!process.waitFor(timeout, unit)) {
                    process.destroyForcibly();
                    process.waitFor();
                }
                return process.exitValue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            return "<Pool state=" + state + " pool_size=" + processes + ">";
        } finally {
            lock.unlock();
        }
    }
}
