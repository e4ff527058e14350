package org.mpdemo.multiprocessing.internal.shm;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one platform check. The runtime needs Linux on x86-64 or aarch64: a segment reaches another process through
 * {@code /proc/<pid>/fd}, and blocking is {@code futex(2)}, whose system call number depends on the machine. It is
 * made where the runtime first touches the system (a segment, a child), so another system fails at once with
 * one line that says why, not later with a stranger error or a polling stand-in.
 */
public final class Linux {
    private static final String PROBLEM = problem(System.getProperty("os.name", ""),
            System.getProperty("os.arch", ""), Files.isDirectory(Path.of("/proc/self/fd")));

    private Linux() {
    }

    /** Why the runtime cannot run here, or null when it can. */
    public static String problem() {
        return PROBLEM;
    }

    static String problem(String os, String arch, boolean proc) {
        String needs = "mpdemo needs Linux on x86-64 or aarch64 (its runtime shares memory through /proc/<pid>/fd "
                + "and blocks with futex); on Windows, use WSL 2";
        if (!os.startsWith("Linux")) return needs + "; this is " + os;
        if (!(arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64"))) {
            return needs + "; this machine is " + arch;
        }
        if (!proc) return needs + "; /proc/self/fd is missing (is /proc mounted?)";
        return null;
    }

    /** Throws {@link UnsupportedOperationException}, saying why, unless the runtime can run here. */
    public static void require() {
        if (PROBLEM != null) throw new UnsupportedOperationException(PROBLEM);
    }
}
