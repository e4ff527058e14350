/**
 * Python's {@code multiprocessing} for Java, with real operating-system processes (Linux only: the runtime
 * needs {@code /proc} and the futex system call).
 *
 * <p>This package starts processes: {@link org.mpdemo.multiprocessing.Multiprocessing} (start methods,
 * {@code cpu_count}, {@code current_process}), {@link org.mpdemo.multiprocessing.Context},
 * {@link org.mpdemo.multiprocessing.Process}, {@link org.mpdemo.multiprocessing.Args}, the function type
 * {@link org.mpdemo.multiprocessing.Task}, and {@link org.mpdemo.multiprocessing.Schedules} (forcing the
 * interleaving of the processes a program starts). The other concepts have a package each, drawn where the rule for what
 * may travel between processes changes, as CPython's {@code Lib/multiprocessing} has a module each:
 * <ul>
 *   <li>{@code pool} — {@code Pool} and its builder, {@code AsyncResult}, {@code IMapIterator}, {@code Options};
 *       the parent's scheduling and worker supervision and the worker's own loop are package-private there;</li>
 *   <li>{@code shared} — what may travel only while a process starts (synchronization primitives, {@code Value},
 *       {@code Array}, {@code Queue}), living in shared memory;</li>
 *   <li>{@code managers} — the {@code Manager} server process and its proxies, which travel anywhere;</li>
 *   <li>{@code errors} — the exceptions every layer raises, a leaf;</li>
 *   <li>{@code trace} — the trace writer and its vocabulary of events, a leaf.</li>
 * </ul>
 * The plumbing lives under {@code internal} (launching a child JVM, the wire, serialization, shared memory,
 * schedules, the manager's server), which the module does not export. {@code docs/…/architecture.adoc} maps every file.
 *
 * <p>Child processes are JVMs started with the parent's {@code java} and class path; each talks to its parent over
 * its own standard input and output, and stops when its parent dies. Tasks are serializable functions, usually
 * method references to static methods; their arguments and results travel by Java serialization, or by a compact
 * encoding for numbers and strings. Synchronization primitives, shared values and queues may travel only while a
 * child starts — as {@code Process} arguments, pool initializer arguments, or inherited statics under the
 * emulated {@code fork} start method — exactly where CPython allows it.
 */
package org.mpdemo.multiprocessing;
