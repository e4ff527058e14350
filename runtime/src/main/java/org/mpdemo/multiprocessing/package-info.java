/**
 * Python's {@code multiprocessing} for Java, with real operating-system processes.
 *
 * <p>The package is laid out by concept, as CPython's {@code Lib/multiprocessing} is:
 * <ul>
 *   <li>pool — {@link org.mpdemo.multiprocessing.Pool}, {@link org.mpdemo.multiprocessing.AsyncResult},
 *       {@link org.mpdemo.multiprocessing.IMapIterator}, {@link org.mpdemo.multiprocessing.Options};</li>
 *   <li>process — {@link org.mpdemo.multiprocessing.Process};</li>
 *   <li>synchronize — {@link org.mpdemo.multiprocessing.Lock}, {@link org.mpdemo.multiprocessing.RLock},
 *       {@link org.mpdemo.multiprocessing.Semaphore}, {@link org.mpdemo.multiprocessing.BoundedSemaphore},
 *       {@link org.mpdemo.multiprocessing.Condition}, {@link org.mpdemo.multiprocessing.Event},
 *       {@link org.mpdemo.multiprocessing.Barrier};</li>
 *   <li>sharedctypes — {@link org.mpdemo.multiprocessing.Value}, {@link org.mpdemo.multiprocessing.Array};</li>
 *   <li>queues — {@link org.mpdemo.multiprocessing.Queue};</li>
 *   <li>managers — {@link org.mpdemo.multiprocessing.Manager} and its proxies, which may travel anywhere;</li>
 *   <li>context — {@link org.mpdemo.multiprocessing.Multiprocessing} (start methods, {@code cpu_count},
 *       {@code current_process}) and {@link org.mpdemo.multiprocessing.Context}.</li>
 * </ul>
 * Everything else — framing ({@code Connection}), serialization ({@code Reduction}), launching child JVMs
 * ({@code Spawner}, {@code ChildMain}), shared memory ({@code SharedMemory}, {@code Futex}) — is package-private
 * plumbing behind them.
 *
 * <p>Child processes are JVMs started with the parent's {@code java} and class path; each talks to its parent over
 * its own standard input and output, and stops when its parent dies. Tasks are serializable functions, usually
 * method references to static methods; their arguments and results travel by Java serialization, or by a compact
 * encoding for numbers and strings. Synchronization primitives, shared values and queues live in shared memory
 * and may travel only while a child starts — as {@code Process} arguments, pool initializer arguments, or
 * inherited statics under the emulated {@code fork} start method — exactly where CPython allows it.
 */
package org.mpdemo.multiprocessing;
