package org.mpdemo.multiprocessing.trace;

/**
 * Which task of which pool job a thread is running, as the trace's {@code job} and {@code task} fields name it:
 * job numbers count from 1 in each parent. {@link #current()} is how a task finds its own place, for a stream of
 * random numbers that depends on the task and not on the worker that runs it.
 */
public record TaskRef(long job, long index) {
    private static final ThreadLocal<TaskRef> CURRENT = new ThreadLocal<>();

    /** The pool task the calling thread is running, or {@code null} outside a pool task. */
    public static TaskRef current() {
        return CURRENT.get();
    }

    /** Set by a pool worker around each task; {@code null} when it ends. */
    public static void setCurrent(TaskRef task) {
        if (task == null) CURRENT.remove();
        else CURRENT.set(task);
    }
}
