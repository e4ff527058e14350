/**
 * Python's {@code multiprocessing} for Java, with real operating-system processes.
 *
 * <p>The package is laid out by concept, as CPython's {@code Lib/multiprocessing} is:
 * {@link org.mpdemo.multiprocessing.Pool} and {@link org.mpdemo.multiprocessing.AsyncResult} (pool),
 * {@link org.mpdemo.multiprocessing.Process} (process), {@link org.mpdemo.multiprocessing.Lock} and its siblings
 * (synchronize), {@link org.mpdemo.multiprocessing.Manager} and its proxies (managers),
 * {@link org.mpdemo.multiprocessing.Multiprocessing} (context). Everything else — framing,
 * serialization, launching child JVMs — is package-private plumbing behind them.
 *
 * <p>Child processes are JVMs started with the parent's {@code java} and class path. Tasks are serializable
 * functions, usually method references to static methods; their arguments and results travel by Java
 * serialization, or by a compact encoding for numbers and strings.
 */
package org.mpdemo.multiprocessing;
