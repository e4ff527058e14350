package org.mpdemo.multiprocessing.errors;

/**
 * The process running a task died before it answered (it exited, crashed or was killed). CPython's pool hangs
 * forever here; this runtime fails the task's result with this error instead and replaces the worker.
 */
public class WorkerDiedError extends ProcessError {
    private static final long serialVersionUID = 1L;
    private final long pid;
    private final int exitStatus;

    public WorkerDiedError(String message, long pid, int exitStatus) {
        super(message);
        this.pid = pid;
        this.exitStatus = exitStatus;
    }

    /** The operating-system pid of the worker that died. */
    public long pid() {
        return pid;
    }

    /** Its exit status as Java reports it: 128 + the signal number for a process killed by a signal. */
    public int exitStatus() {
        return exitStatus;
    }
}
