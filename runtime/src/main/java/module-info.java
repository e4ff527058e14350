/**
 * Python's {@code multiprocessing} for Java, with real operating-system processes (Linux: {@code /proc}, futex).
 *
 * <p>Exported: the API packages. Not exported: {@code org.mpdemo.multiprocessing.internal.*}, the plumbing
 * behind them (see the architecture page). On the class path, where this file is not read, the boundary test
 * holds the same line.
 */
module org.mpdemo.multiprocessing {
    requires com.sun.jna;       // futex(2)
    requires jdk.unsupported;   // sun.misc.Unsafe: shared memory by address up to JDK 23

    exports org.mpdemo.multiprocessing;
    exports org.mpdemo.multiprocessing.errors;
    exports org.mpdemo.multiprocessing.pool;
    exports org.mpdemo.multiprocessing.shared;
    exports org.mpdemo.multiprocessing.managers;
    exports org.mpdemo.multiprocessing.trace;

    opens org.mpdemo.multiprocessing.internal.shm to com.sun.jna; // JNA binds the futex call by reflection
}
