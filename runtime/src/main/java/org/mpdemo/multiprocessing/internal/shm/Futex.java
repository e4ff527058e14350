package org.mpdemo.multiprocessing.internal.shm;

import java.util.concurrent.locks.LockSupport;

/**
 * Blocking on a word of {@link AtomicMemory} without burning CPU: Linux's {@code futex(2)}, called through JNA.
 *
 * <p>{@link #await} sleeps in the kernel while the word still holds the expected value ({@code FUTEX_WAIT});
 * {@link #wake} wakes sleepers on that word ({@code FUTEX_WAKE}). Both use the shared (not {@code _PRIVATE})
 * operations, since the word is mapped by several processes: the kernel keys such waits by the physical page.
 * A wait can return early (a wake-up for someone else, a signal, the value already changed): callers re-check
 * their condition in a loop.
 *
 * <p>JNA's native library is loaded on first need, or by {@link #preload()} in the background as soon as a
 * process creates or receives a primitive (loading takes long enough to be felt by the first waiter). If it
 * cannot be loaded — or with {@code -Dmpdemo.futex=off} — one warning is printed and waits fall back to a bounded
 * spin-then-park poll (at most {@value #MAX_PARK_NANOS} ns between looks): slower to wake, but it never crashes.
 */
public final class Futex {
    private static final int FUTEX_WAIT = 0;
    private static final int FUTEX_WAKE = 1;
    private static final int EAGAIN = 11;
    private static final int EINTR = 4;
    private static final int ETIMEDOUT = 110;
    public static final long MAX_PARK_NANOS = 1_000_000;

    private static volatile boolean preloading;
    /**
     * True when this process polls instead of using futexes: only when asked to, with {@code -Dmpdemo.futex=off} (a
     * binding that fails to load is an error at the first wait, not a slower mode). Such a process cannot wake futex
     * sleepers elsewhere, so it marks the states it uses, and sleepers on a marked state wake up by themselves every
     * {@value #MAX_PARK_NANOS} ns.
     */
    public static volatile boolean polling = "off".equalsIgnoreCase(System.getProperty("mpdemo.futex", ""));

    private Futex() {
    }

    /** Whether futex system calls are in use (false: the polling fallback). */
    public static boolean available() {
        return Native.OK;
    }

    /** Starts loading the native library in a daemon thread, so the first blocking call does not pay for it. */
    public static void preload() {
        if (preloading) return;
        preloading = true;
        Thread loader = new Thread(Futex::available, "mpdemo-futex-preload");
        loader.setDaemon(true);
        loader.start();
    }

    /**
     * Sleeps while the int at {@code offset} equals {@code expected}, at most {@code nanos} ns; {@code round} is
     * how many times the caller has waited already (it paces the polling fallback). Returns when woken, on
     * timeout, or spuriously.
     */
    public static void await(AtomicMemory memory, int offset, int expected, long nanos, int round) {
        if (nanos <= 0) return;
        if (Native.OK) {
            long result = Native.waitOn(address(memory) + offset, expected, nanos);
            if (result == 0) return;
            int errno = com.sun.jna.Native.getLastError();
            if (errno == EAGAIN || errno == EINTR || errno == ETIMEDOUT) return;
            Native.fail("futex(FUTEX_WAIT) failed with errno " + errno);
        }
        Native.refuse();
        if (memory.getIntVolatile(offset) != expected) return;
        if (round < 8) {
            for (int i = 0; i < 64 << round; i++) Thread.onSpinWait();
            return;
        }
        LockSupport.parkNanos(Math.min(nanos, Math.min(MAX_PARK_NANOS, 10_000L << Math.min(round - 8, 10))));
    }

    /** Wakes up to {@code count} processes or threads sleeping on the int at {@code offset}. */
    public static void wake(AtomicMemory memory, int offset, int count) {
        if (!Native.OK) {
            Native.refuse();
            return; // pollers look by themselves
        }
        long result = Native.wake(address(memory) + offset, count);
        if (result < 0) Native.fail("futex(FUTEX_WAKE) failed with errno " + com.sun.jna.Native.getLastError());
    }

    /**
     * Allocates the first {@code length} bytes of the file open as {@code fd} now ({@code fallocate(2)}), so that
     * a full file system says so here instead of with a SIGBUS at a later first touch of a mapped page. Returns 0,
     * or the errno (28, ENOSPC: no room); -1 if this process has no native binding to ask with.
     */
    public static int reserve(int fd, long length) {
        if (!Native.OK) return -1;
        long result = Sys.syscall(Native.sysFallocate, fd, 0, 0, length, 0, 0);
        return result == 0 ? 0 : com.sun.jna.Native.getLastError();
    }

    private static long address(AtomicMemory memory) {
        long address = memory.address;
        if (address == 0) {
            address = com.sun.jna.Pointer.nativeValue(com.sun.jna.Native.getDirectBufferPointer(memory.buffer));
            memory.address = address;
        }
        return address;
    }

    /**
     * Puts JNA's native library where every process finds it ready: {@code ~/.cache/mpdemo/jna-<crc>-<size>/},
     * named by the library's entry in JNA's jar, written once and moved into place atomically. Left to itself JNA
     * unpacks a fresh copy into a temporary file in every JVM — deleted only on a normal exit, which a halted or
     * killed child never has, so copies pile up, and children starting together race on the unpacking. The name
     * comes from the jar's directory (the entry's CRC and size), so a child whose copy is in place reads none of
     * the library's bytes.
     */
    private static void placeNativeLibrary(String arch) {
        if (System.getProperty("jna.boot.library.path") != null) return;
        String platform = arch.equals("aarch64") ? "linux-aarch64" : arch.equals("riscv64") ? "linux-riscv64"
                : "linux-x86-64";
        java.net.URL url = Futex.class.getClassLoader().getResource("com/sun/jna/" + platform + "/libjnidispatch.so");
        if (url == null) return; // JNA will look for itself
        try {
            if (!(url.openConnection() instanceof java.net.JarURLConnection jar)) return;
            java.util.jar.JarEntry entry = jar.getJarEntry();
            long size = entry.getSize();
            long crc = entry.getCrc();
            if (size < 0 || crc < 0) return;
            java.nio.file.Path dir = java.nio.file.Path.of(System.getProperty("user.home"), ".cache", "mpdemo",
                    "jna-" + Long.toHexString(crc) + "-" + size);
            java.nio.file.Path target = dir.resolve("libjnidispatch.so");
            if (!java.nio.file.Files.isRegularFile(target) || java.nio.file.Files.size(target) != size) {
                byte[] library;
                try (java.io.InputStream in = jar.getInputStream()) {
                    library = in.readAllBytes();
                }
                java.nio.file.Files.createDirectories(dir);
                java.nio.file.Path part = java.nio.file.Files.createTempFile(dir, "libjnidispatch", ".part");
                java.nio.file.Files.write(part, library);
                java.nio.file.Files.move(part, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            System.setProperty("jna.boot.library.path", dir.toString());
            System.setProperty("jna.nounpack", "true");
        } catch (java.io.IOException | RuntimeException e) {
            // an unwritable home: JNA unpacks to its temporary directory as usual
        }
    }

    /** The JNA binding; if its class initialization fails, {@link #OK} is false and JNA is never touched again. */
    private static final class Native {
        static volatile boolean OK;
        private static final ThreadLocal<com.sun.jna.Memory> TIMESPEC = new ThreadLocal<>();
        private static long sysFutex;
        static long sysFallocate;

        static {
            String reason = null;
            String arch = System.getProperty("os.arch", "");
            if ("off".equalsIgnoreCase(System.getProperty("mpdemo.futex", ""))) {
                reason = "disabled by -Dmpdemo.futex=off";
            } else if (Linux.problem() != null) {
                reason = Linux.problem(); // the one platform check says which systems and machines
            } else {
                sysFutex = arch.equals("aarch64") ? 98 : 202; // the futex call's number: aarch64's, else x86-64's
                sysFallocate = arch.equals("aarch64") ? 47 : 285;
            }
            if (reason == null) {
                try {
                    placeNativeLibrary(arch);
                    Sys.load();
                    // a harmless call proves the binding: wake nobody on a private word
                    java.nio.ByteBuffer probe = java.nio.ByteBuffer.allocateDirect(64).alignedSlice(8);
                    long at = com.sun.jna.Pointer.nativeValue(com.sun.jna.Native.getDirectBufferPointer(probe));
                    long woken = Sys.syscall(sysFutex, at, FUTEX_WAKE, 1, 0, 0, 0);
                    if (woken != 0) reason = "futex probe returned " + woken;
                } catch (Throwable e) { // NoClassDefFoundError, UnsatisfiedLinkError, ...
                    reason = "JNA unavailable: " + e;
                }
            }
            OK = reason == null;
            if (!OK) {
                polling = true;
                // polling is a mode one asks for; a binding that failed is an error, not a slower mode
                if (!"off".equalsIgnoreCase(System.getProperty("mpdemo.futex", ""))) failure = reason;
                else warn(reason);
            }
        }

        /** Why this process cannot use futexes although it was not told to poll; null while it can. */
        static volatile String failure;

        /** Raises the failure, if there is one: a process that cannot sleep on a futex must not poll silently. */
        static void refuse() {
            String why = failure;
            if (why != null) {
                throw new org.mpdemo.multiprocessing.errors.ProcessError("this process cannot wait on a futex ("
                        + why + "); -Dmpdemo.futex=off makes it poll instead");
            }
        }

        static long waitOn(long address, int expected, long nanos) {
            com.sun.jna.Memory timespec = TIMESPEC.get();
            if (timespec == null) {
                timespec = new com.sun.jna.Memory(16);
                TIMESPEC.set(timespec);
            }
            timespec.setLong(0, nanos / 1_000_000_000L);
            timespec.setLong(8, nanos % 1_000_000_000L);
            return Sys.syscall(sysFutex, address, FUTEX_WAIT, expected,
                    com.sun.jna.Pointer.nativeValue(timespec), 0, 0);
        }

        static long wake(long address, int count) {
            return Sys.syscall(sysFutex, address, FUTEX_WAKE, count, 0, 0, 0);
        }

        static synchronized void fail(String reason) {
            if (OK) {
                OK = false;
                polling = true;
                failure = reason;
            }
            refuse();
        }

        private static void warn(String reason) {
            System.err.println("mpdemo: warning: futex unavailable (" + reason + "); processes blocked on a lock "
                    + "will poll instead of sleeping");
        }
    }

    /** JNA direct mapping of libc's {@code syscall}; every argument is a register-sized integer. */
    private static final class Sys {
        static void load() {
            com.sun.jna.Native.register(Sys.class, com.sun.jna.Platform.C_LIBRARY_NAME);
        }

        static native long syscall(long number, long a1, long a2, long a3, long a4, long a5, long a6);
    }
}
