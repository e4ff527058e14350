package org.mpdemo.multiprocessing.internal.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The one platform check: what it accepts, and the one line it gives elsewhere. */
class LinuxTest {
    static final String NEEDS = "mpdemo needs Linux on x86-64 or aarch64 (its runtime shares memory through "
            + "/proc/<pid>/fd and blocks with futex); on Windows, use WSL 2";

    @Test
    void linuxOnTheTwoTestedMachinesIsFine() {
        assertNull(Linux.problem("Linux", "amd64", true));
        assertNull(Linux.problem("Linux", "aarch64", true));
        assertNull(Linux.problem(), "this test runs on Linux");
    }

    @Test
    void anotherSystemOrMachineIsNamed() {
        assertEquals(NEEDS + "; this is Mac OS X", Linux.problem("Mac OS X", "aarch64", false));
        assertEquals(NEEDS + "; this is Windows 11", Linux.problem("Windows 11", "amd64", false));
        assertEquals(NEEDS + "; this machine is ppc64le", Linux.problem("Linux", "ppc64le", true));
        assertEquals(NEEDS + "; /proc/self/fd is missing (is /proc mounted?)", Linux.problem("Linux", "amd64", false));
    }
}
