package org.mpdemo.multiprocessing.trace;

/**
 * The trace's vocabulary: every kind of event a process of the program records, by the name it has in the
 * trace file ({@code "event": "task-start"}). The runtime writes them; a reader of traces compares against them.
 */
public enum TraceEvent {
    // pool
    POOL_START("pool-start"),
    POOL_CLOSE("pool-close"),
    POOL_TERMINATE("pool-terminate"),
    WORKER_READY("worker-ready"),
    WORKER_EXIT("worker-exit"),
    TASK_START("task-start"),
    TASK_END("task-end"),
    /** A task's error, where it was raised or where it was found (a worker that died). */
    ERROR("error"),
    CALLBACK("callback"),
    ERROR_CALLBACK("error-callback"),
    // processes
    PROCESS_START("process-start"),
    /** A started process has ended (recorded by its parent as it is reaped): its pid and exit code. */
    PROCESS_EXIT("process-exit"),
    /** Under the emulated fork: a static field that could not be copied into the child. */
    FORK_SKIP("fork-skip"),
    // shared memory and its primitives
    SHM_CREATE("shm-create"),
    /** About to block on a lock or semaphore. */
    ACQUIRE_WAIT("acquire-wait"),
    ACQUIRE("acquire"),
    RELEASE("release"),
    /** A waiter found the holder of a lock dead. */
    DEAD_HOLDER("dead-holder"),
    /** A waiter found the holder of a lock stopped (SIGSTOP) after waiting a while. */
    STOPPED_HOLDER("stopped-holder"),
    /** A condition's or barrier's wait begins (a barrier's has {@code "kind": "Barrier"}) ... */
    WAIT("wait"),
    /** ... and ends. */
    WAKE("wake"),
    NOTIFY("notify"),
    /** Reads and writes of shared values, on request only ({@link Trace#values()}). */
    VALUE_GET("value-get"),
    VALUE_SET("value-set"),
    /** A shared value's atomic read-modify-write ({@code addAndGet} …): named by a schedule's switch points. */
    ATOMIC_UPDATE("atomic-update"),
    // schedules
    /** The scheduler let one process make its next shared access: the step, the process and the access. */
    SWITCH("switch"),
    // managers
    MANAGER_START("manager-start"),
    /** The manager's server is up: its pid and address. */
    MANAGER("manager"),
    MANAGER_STOP("manager-stop"),
    /** A blocking acquire of a manager's lock is sent: the process waits for the manager until proxy-acquire. */
    PROXY_ACQUIRE_WAIT("proxy-acquire-wait"),
    PROXY_ACQUIRE("proxy-acquire"),
    PROXY_RELEASE("proxy-release"),
    /** A call to a manager's object through a proxy: named by a schedule's switch points. */
    PROXY_CALL("proxy-call");

    private final String wireName;

    TraceEvent(String wireName) {
        this.wireName = wireName;
    }

    /** The name in the trace file. */
    public String wireName() {
        return wireName;
    }

    /** The event of that name in a trace file, or {@code null} for one this runtime does not write. */
    public static TraceEvent of(String wireName) {
        for (TraceEvent e : values()) if (e.wireName.equals(wireName)) return e;
        return null;
    }
}
