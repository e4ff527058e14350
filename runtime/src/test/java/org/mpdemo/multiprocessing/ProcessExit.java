package org.mpdemo.multiprocessing;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import org.mpdemo.multiprocessing.internal.shm.SharedMemory;

/**
 * Waits for any process — not only a child — to exit, without sleeping: {@code pidfd_open(2)} gives a descriptor
 * that becomes readable when the process exits (even if nobody reaps it: in a container whose init does not reap
 * orphans, {@link ProcessHandle#onExit()} counts the zombie as alive for ever).
 */
public final class ProcessExit {
    private static final long SYS_PIDFD_OPEN = 434; // the same on x86_64 and aarch64
    private static final short POLLIN = 1;

    private ProcessExit() {
    }

    static {
        Native.register(ProcessExit.class, Platform.C_LIBRARY_NAME);
    }

    private static native long syscall(long number, long a1, long a2);

    private static native int poll(Pointer fds, long nfds, int timeoutMillis);

    private static native int close(int fd);

    /** Returns whether {@code pid} exited within {@code millis} (true at once if it is already gone). */
    public static boolean await(long pid, int millis) {
        long fd = syscall(SYS_PIDFD_OPEN, pid, 0);
        if (fd < 0) return !SharedMemory.isAlive(pid); // no such process (ESRCH), or an old kernel
        try {
            Memory pollfd = new Memory(8); // struct pollfd { int fd; short events; short revents; }
            pollfd.setInt(0, (int) fd);
            pollfd.setShort(4, POLLIN);
            pollfd.setShort(6, (short) 0);
            long deadline = System.nanoTime() + millis * 1_000_000L;
            while (true) {
                int left = (int) Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
                int ready = poll(pollfd, 1, left);
                if (ready > 0) return true;
                if (ready == 0) return false;
                if (left == 0) return false; // EINTR at the deadline
            }
        } finally {
            close((int) fd);
        }
    }
}
