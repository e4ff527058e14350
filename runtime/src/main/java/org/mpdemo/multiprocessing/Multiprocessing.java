package org.mpdemo.multiprocessing;

/**
 * The module-level functions of Python's {@code multiprocessing}: {@code cpu_count()}, {@code current_process()}.
 */
public final class Multiprocessing {
    private static volatile String processName = "MainProcess";
    private static Context defaultContext;
    private static final ThreadLocal<TaskRef> CURRENT_TASK = new ThreadLocal<>();

    private Multiprocessing() {
    }

    /** The name and operating-system pid of a process, as {@code current_process()} shows them. */
    public record ProcessInfo(String name, long pid) {
    }

    /** Which task of which pool job the calling thread is running: job numbers count from 1 in each parent. */
    public record TaskRef(long job, long index) {
    }

    /** The number of CPUs this process may use (Python's {@code os.cpu_count()} on an unrestricted machine). */
    public static int cpuCount() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** This process: {@code MainProcess}, {@code SpawnPoolWorker-3}, {@code Process-1} … */
    public static ProcessInfo currentProcess() {
        return new ProcessInfo(processName, ProcessHandle.current().pid());
    }

    /** The pool task the calling thread is running, or {@code null} outside a pool task. */
    public static TaskRef currentTask() {
        return CURRENT_TASK.get();
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

    static void setProcessName(String name) {
        processName = name;
    }

    static void setCurrentTask(TaskRef task) {
        if (task == null) CURRENT_TASK.remove();
        else CURRENT_TASK.set(task);
    }
}
