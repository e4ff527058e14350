/**
 * Memory shared between processes, and blocking on it: the plumbing under
 * {@code org.mpdemo.multiprocessing.shared}. Not exported.
 *
 * <ul>
 *   <li>{@link org.mpdemo.multiprocessing.internal.shm.SharedMemory}: a segment — the unlinked file in
 *       {@code /dev/shm} that backs it, its mapping in this process, and how it is handed to a child through
 *       {@code /proc/<pid>/fd/<n>};</li>
 *   <li>{@link org.mpdemo.multiprocessing.internal.shm.Arena}: the 64-byte-aligned slots every shared object of a
 *       process is carved from;</li>
 *   <li>{@link org.mpdemo.multiprocessing.internal.shm.AtomicMemory}: reads, writes and read-modify-writes at an
 *       offset, each naming its memory ordering (by address through {@code DirectMemory} where that is silent,
 *       else through VarHandles);</li>
 *   <li>{@link org.mpdemo.multiprocessing.internal.shm.Futex}: sleeping while a shared word holds a value, and
 *       waking the sleepers ({@code futex(2)} through JNA, with a polling fallback).</li>
 *   <li>{@link org.mpdemo.multiprocessing.internal.shm.Linux}: the one platform check, made before the first
 *       segment or child, so another system fails at once with one line.</li>
 * </ul>
 *
 * <h2>The rule that makes this a package</h2>
 * Everything that knows how memory is shared between processes, and nothing about what is kept in it: the
 * layouts of locks, values and queues belong to {@code shared}. It depends only on the error types, the trace,
 * and {@code internal.reduction} (to refuse serialization outside process start).
 *
 * <p>Linux only. Segments are reopened through {@code /proc}, and blocking uses the shared (not
 * {@code _PRIVATE}) futex operations, which the kernel keys by physical page, so that a word mapped by several
 * processes is one futex. Without {@code /proc} segments stay process-local and refuse to travel; without JNA
 * waits fall back to polling.
 */

/*
 * Overview, for implementers.
 *
 * Lifetime. A segment is created and unlinked at once, so the kernel frees it when the last descriptor or
 * mapping goes, whatever way the processes end; each process keeps its own descriptor open so that it can hand
 * the segment on after its creator has exited. Segments are mapped once per process (SharedMemory's ATTACHED
 * map, which also keeps every mapping reachable), and slots are never reused.
 *
 * Hot paths. Shared objects hold a SharedMemory and call its final AtomicMemory accessors directly: no object in
 * between, no allocation. Whether Unsafe or a VarHandle serves is a static final the JIT folds away, and the
 * address check is small enough for C1 to inline. A child's first thousands of iterations run interpreted, which
 * is why the by-address path exists and why each accessor is one call.
 */
package org.mpdemo.multiprocessing.internal.shm;
