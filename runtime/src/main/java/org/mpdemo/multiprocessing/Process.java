package org.mpdemo.multiprocessing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.mpdemo.multiprocessing.errors.ProcessError;
import org.mpdemo.multiprocessing.internal.launch.ChildHandle;
import org.mpdemo.multiprocessing.internal.launch.Fork;
import org.mpdemo.multiprocessing.internal.launch.Spawner;
import org.mpdemo.multiprocessing.internal.reduction.Functions;
import org.mpdemo.multiprocessing.internal.reduction.Invoker;
import org.mpdemo.multiprocessing.internal.schedule.Scheduler;
import org.mpdemo.multiprocessing.internal.wire.Boot;
import org.mpdemo.multiprocessing.internal.wire.Connection;
import org.mpdemo.multiprocessing.pool.Pool;
import org.mpdemo.multiprocessing.trace.Trace;
import org.mpdemo.multiprocessing.trace.TraceEvent;

/**
 * A child process running one function (CPython's {@code multiprocessing.Process}); the child is a JVM.
 *
 * <p>The target and its arguments travel when the process starts, so synchronization primitives among the
 * arguments are allowed — the one way, with {@link Pool} initializer arguments, that CPython lets them travel.
 * What the child prints appears on the parent's output line by line. The child exits with status 0, or 1 after
 * printing the traceback of an uncaught exception; if the parent dies, the child stops too.
 */
public class Process {
    private static final AtomicInteger NAMES = new AtomicInteger();
    /** A process's child sends nothing but its output and its exit handshake, which the handle takes itself. */
    private static final ChildHandle.Listener IGNORE_OTHER_FRAMES = new ChildHandle.Listener() {
        @Override
        public void onFrame(Connection.Frame frame) {
        }

        @Override
        public void onClosed() {
        }
    };

    private final Invoker target;
    private final Object[] args;
    private final String name;
    private Context context;
    private java.lang.Process process;
    private ChildHandle handle;
    /** Done once the child's end is in the trace (null when not tracing). */
    private volatile CompletableFuture<Void> exitRecorded;

    public Process(Task.Run0 target) {
        this(Invoker.of(target), new Object[0]);
    }

    public <A> Process(Task.Run1<A> target, A a) {
        this(Invoker.of(target), new Object[] {a});
    }

    public <A, B> Process(Task.Run2<A, B> target, A a, B b) {
        this(Invoker.of(target), new Object[] {a, b});
    }

    public <A, B, C> Process(Task.Run3<A, B, C> target, A a, B b, C c) {
        this(Invoker.of(target), new Object[] {a, b, c});
    }

    private Process(Invoker target, Object[] args) {
        this.target = target;
        this.args = args;
        this.name = "Process-" + NAMES.incrementAndGet();
    }

    Process context(Context startWith) {
        context = startWith;
        return this;
    }

    /** Starts the child. A process can be started once. */
    public synchronized Process start() {
        if (process != null) throw new IllegalStateException("cannot start a process twice");
        Context method = context != null ? context : Multiprocessing.defaultContext();
        Class<?> mainClass = method.forks() ? Fork.caller() : null;
        byte[] boot = new Boot(name, target, args,
                mainClass == null ? null : mainClass.getName(), Fork.snapshot(mainClass)).serialize();
        // the function a Process runs is its hot code by definition: its loops are compiled early
        List<String> flags = new ArrayList<>(Spawner.HOT_PATHS);
        flags.addAll(Spawner.PROCESS_FLAGS);
        String function = Functions.methodPattern(target);
        if (function != null) flags.add(Spawner.earlyCompile(function, Spawner.EARLIER));
        Scheduler schedule = Scheduler.get(); // null without a schedule; set up before the child's command line
        ChildHandle child = ChildHandle.spawn(flags, "process-reader-" + name, IGNORE_OTHER_FRAMES);
        if (schedule != null) {
            schedule.started(child.pid());
            child.process().onExit().thenRun(new Exited(schedule, child.pid()));
        }
        child.boot(boot);
        handle = child;
        process = child.process();
        Trace.event(TraceEvent.PROCESS_START, "name", name, "child", child.pid());
        // its end, for a timeline: recorded when the JVM reaps the child, whether or not anyone joins it
        if (Trace.enabled()) exitRecorded = child.process().onExit().thenAccept(new Ended());
        return this;
    }

    /** Waits for the child to exit and for everything it printed to be shown. */
    public void join() {
        join(-1);
    }

    /** Waits at most {@code timeout} seconds (negative: no limit). */
    public void join(double timeout) {
        java.lang.Process p = started();
        Scheduler schedule = Scheduler.get();
        if (schedule != null) schedule.joining();
        try {
            if (timeout < 0) {
                p.waitFor();
                handle.awaitOutput(0);
                if (exitRecorded != null) exitRecorded.join(); // in the trace before join returns
            } else {
                long deadline = System.nanoTime() + (long) (timeout * 1e9);
                if (p.waitFor((long) (timeout * 1e9), TimeUnit.NANOSECONDS)) {
                    handle.awaitOutput(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                    if (exitRecorded != null) exitRecorded.join();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessError("interrupted while joining " + name);
        }
    }

    /** The child's pid, or {@code null} before {@link #start()}. */
    public synchronized Long pid() {
        return process == null ? null : process.pid();
    }

    /**
     * {@code null} while running; then the exit status, or minus the signal number for a child killed by a
     * signal, as CPython reports it.
     */
    public synchronized Integer exitCode() {
        if (process == null || process.isAlive()) return null;
        return exitCode(process.exitValue());
    }

    /** A status as CPython reports it: minus the signal number for a child that a signal ended. */
    private static int exitCode(int status) {
        return status > 128 && status < 128 + 65 ? -(status - 128) : status;
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /**
     * Sends SIGTERM. Through the process's handle, not {@code Process.destroy()}, which also closes our ends of
     * its pipes: the child would read end of file, take it for our death and exit with status 1, racing its own
     * SIGTERM exit (CPython's exit code -15). What it printed before it ended is still shown, too.
     */
    public void terminate() {
        started().toHandle().destroy();
    }

    /** Sends SIGKILL (through the handle, as {@link #terminate()}). */
    public void kill() {
        started().toHandle().destroyForcibly();
    }

    public String name() {
        return name;
    }

    private synchronized java.lang.Process started() {
        if (process == null) throw new IllegalStateException("can only join a started process");
        return process;
    }

    /** Tells the scheduler that a child has gone, however it ended (a named class: see ChildMain on lambdas). */
    private record Exited(Scheduler schedule, long pid) implements Runnable {
        @Override
        public void run() {
            schedule.exited(pid);
        }
    }

    /** Records the child's end with its exit code (a named class: see ChildMain on lambdas). */
    private static final class Ended implements Consumer<java.lang.Process> {
        @Override
        public void accept(java.lang.Process ended) {
            Trace.event(TraceEvent.PROCESS_EXIT, "child", ended.pid(), "exitcode", exitCode(ended.exitValue()));
        }
    }

    @Override
    public String toString() {
        Integer code = exitCode();
        return "<Process name='" + name + "' " + (process == null ? "initial"
                : code == null ? "started pid=" + process.pid() : "stopped exitcode=" + code) + ">";
    }
}
