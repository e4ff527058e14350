package org.mpdemo.multiprocessing;

/**
 * The module-level functions of Python's {@code multiprocessing}: {@code cpu_count()}, {@code current_process()}.
 */
public final class Multiprocessing {
    private static volatile String processName = "MainProcess";
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

    static void setProcessName(String name) {
        processName = name;
    }

    static void setCurrentTask(TaskRef task) {
        if (task == null) CURRENT_TASK.remove();
        else CURRENT_TASK.set(task);
    }
}
