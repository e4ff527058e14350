/**
 * The manager's server process (CPython's {@code managers.Server}), one file per job.
 *
 * <ul>
 *   <li>{@link org.mpdemo.multiprocessing.internal.server.ServerMain} — the process's main: warm-up, its
 *       {@link org.mpdemo.multiprocessing.internal.server.ServerBoot} from standard input, the READY line;</li>
 *   <li>{@link org.mpdemo.multiprocessing.internal.server.Listener} — the socket, and its private directory;</li>
 *   <li>{@code ManagerServer} — accepts, serves each connection on a thread of its own, stops with its parent;</li>
 *   <li>{@code Handshake} — authentication: silent connections parked in one selector, a bounded number
 *       finishing on threads, each within its deadline;</li>
 *   <li>{@code Dispatcher} — one request of the manager protocol, its reply or its {@code Failure};</li>
 *   <li>{@code Registry} — the objects by id and by name, and the factory of referents;</li>
 *   <li>the referents, each named after the public type it serves: {@code SemaphoreReferent} (Lock, Semaphore,
 *       BoundedSemaphore), {@code RLockReferent}, {@code ConditionReferent}, {@code EventReferent},
 *       {@code BarrierReferent}, {@code QueueReferent}, {@code ValueReferent}, {@code ArrayReferent},
 *       {@code DictReferent}, {@code NamespaceReferent}, {@code ListReferent}.</li>
 * </ul>
 *
 * <p>One manager call: a proxy writes {@code op, id, arguments} into its thread's channel
 * ({@code managers.ManagerClient}); the server thread of that connection reads it, the {@code Dispatcher} finds
 * the referent in the {@code Registry} and calls it, and writes {@code OK} and the result back — or {@code ERROR}
 * and a {@code Failure}, which the proxy re-raises as the referent's own exception.
 */
package org.mpdemo.multiprocessing.internal.server;
