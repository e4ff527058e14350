/**
 * The errors a program of processes meets, as CPython's {@code multiprocessing} names them: {@link
 * org.mpdemo.multiprocessing.errors.ProcessError} and its kin — {@link
 * org.mpdemo.multiprocessing.errors.SharingError} (a primitive that may travel only while a process starts),
 * {@link org.mpdemo.multiprocessing.errors.WorkerDiedError}, {@link
 * org.mpdemo.multiprocessing.errors.AuthenticationError}, {@link org.mpdemo.multiprocessing.errors.TimeoutError},
 * {@link org.mpdemo.multiprocessing.errors.BrokenBarrierError}, and {@link
 * org.mpdemo.multiprocessing.errors.RemoteError} with {@link org.mpdemo.multiprocessing.errors.RemoteTraceback}
 * for an exception raised in another process.
 *
 * <p>A package of its own, and a leaf, because every layer raises them: the API and the plumbing under it
 * ({@code internal.*}) alike. Were they beside {@code Process}, the plumbing would depend on the package that
 * depends on it.
 */
package org.mpdemo.multiprocessing.errors;
