package org.mpdemo.multiprocessing;

import java.util.Optional;
import org.mpdemo.multiprocessing.internal.launch.CurrentProcess;
import org.mpdemo.multiprocessing.internal.shm.Linux;

/**
 * The module-level functions of Python's {@code multiprocessing}: {@code cpu_count()}, {@code current_process()}.
 */
public final class Multiprocessing {
    private static Context defaultContext;

    private Multiprocessing() {
    }

    /** The name and operating-system pid of a process, as {@code current_process()} shows them. */
    public record ProcessInfo(String name, long pid) {
    }

    /**
     * Why the runtime cannot run on this system, in one sentence, or empty when it can. It needs Linux on x86-64 or
     * aarch64; elsewhere creating shared state or starting a process throws {@link UnsupportedOperationException}
     * with this text.
     */
    public static Optional<String> unsupportedPlatform() {
        return Optional.ofNullable(Linux.problem());
    }

    /** The number of CPUs this process may use (Python's {@code os.cpu_count()} on an unrestricted machine). */
    public static int cpuCount() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** This process: {@code MainProcess}, {@code SpawnPoolWorker-3}, {@code Process-1} … */
    public static ProcessInfo currentProcess() {
        return new ProcessInfo(CurrentProcess.name(), ProcessHandle.current().pid());
    }

    /**
     * Python's {@code set_start_method}: {@code "spawn"} (the default) or {@code "fork"}, once per program.
     *
     * <p>A JVM cannot fork, so {@code fork} is emulated: a child is a fresh JVM, and then the non-final static
     * fields of the class that started it receive the values they had in the parent at that moment —
     * primitives and shared memory included, as the same objects. Only that class's statics travel; non-final
     * only; values that cannot be serialized keep the child's own initial values.
     */
    public static synchronized void setStartMethod(String method) {
        setStartMethod(method, false);
    }

    /** As {@link #setStartMethod(String)}; with {@code force}, even if it was already set. */
    public static synchronized void setStartMethod(String method, boolean force) {
        if (defaultContext != null && !force) throw new IllegalStateException("context has already been set");
        defaultContext = Context.of(method);
    }

    /** The start method in force: {@code "spawn"} unless set otherwise. */
    public static synchronized String getStartMethod() {
        return defaultContext().startMethod();
    }

    /** The context of a start method, without changing the default (Python's {@code get_context}). */
    public static Context getContext(String method) {
        return Context.of(method);
    }

    static synchronized Context defaultContext() {
        if (defaultContext == null) defaultContext = Context.of(System.getProperty("mpdemo.startMethod", "spawn"));
        return defaultContext;
    }
}
