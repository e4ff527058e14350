package org.mpdemo.multiprocessing.internal.server;

import static org.mpdemo.multiprocessing.internal.wire.ManagerProtocol.*;

import java.io.IOException;
import java.net.ProtocolException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import org.mpdemo.multiprocessing.internal.reduction.Reduction;
import org.mpdemo.multiprocessing.internal.wire.Failure;
import org.mpdemo.multiprocessing.internal.wire.ManagerChannel;
import org.mpdemo.multiprocessing.internal.wire.ManagerProtocol;
import org.mpdemo.multiprocessing.internal.wire.Typecodes;

/**
 * Serves one request of {@link ManagerProtocol}: decodes it, calls the referent, and writes the reply into the
 * connection's channel — {@code OK} and the result, or {@code ERROR} and the exception in a {@link Failure}
 * envelope, which the client re-raises with its own stack.
 */
final class Dispatcher {
    private final Registry registry;
    private final long pid;

    Dispatcher(Registry registry, long pid) {
        this.registry = registry;
        this.pid = pid;
    }

    /** Serves one request. A malformed request throws and ends the connection. */
    void handle(ManagerChannel channel, ByteBuffer request) throws IOException {
        byte op = request.get();
        int id = request.getInt();
        channel.begin().put(OK);
        Acquirer undo = null;
        try {
            undo = dispatch(channel, op, id, request);
        } catch (BufferUnderflowException malformed) {
            throw new ProtocolException("malformed request");
        } catch (BrokenBarrierException | RuntimeException e) {
            channel.begin().put(ERROR);
            channel.put(Failure.encode(e, null));
        }
        try {
            channel.send();
        } catch (IOException e) {
            // the client is gone: it must not keep what it can no longer learn it acquired
            if (undo != null) undo.release();
            throw e;
        }
    }

    /** Performs one call; returns the object to release if the reply cannot be delivered. */
    private Acquirer dispatch(ManagerChannel channel, byte op, int id, ByteBuffer in)
            throws BrokenBarrierException, IOException {
        ByteBuffer out = channel.ensure(16);
        switch (op) {
            case CREATE -> {
                byte kind = in.get();
                Registry.Entry e = registry.create(kind, Reduction.decodeList(rest(in)));
                channel.ensure(8).putInt(e.id()).putInt(e.aux());
                return null;
            }
            case REGISTER -> {
                registry.register(decodeName(in), id);
                return null;
            }
            case LOOKUP -> {
                Registry.Entry e = registry.lookup(decodeName(in));
                out.put(e.kind()).putInt(e.id()).putInt(e.aux());
                return null;
            }
            case INFO -> {
                out.putLong(pid);
                return null;
            }
            default -> {
                // an operation on an object
            }
        }
        Registry.Entry e = registry.entry(id);
        Object r = e.referent();
        switch (op) {
            case ACQUIRE -> {
                boolean block = in.get() != 0;
                double timeout = in.getDouble();
                boolean ok = acquirer(e, op).acquire(block, timeout);
                out.put((byte) (ok ? 1 : 0));
                return ok ? acquirer(e, op) : null;
            }
            case RELEASE -> acquirer(e, op).release();
            case SEM_VALUE -> {
                if (!(r instanceof SemaphoreReferent s) || e.kind() == LOCK) throw unsupported(e, "get_value");
                out.putInt(s.value());
            }
            case WAIT -> {
                double timeout = in.getDouble();
                if (r instanceof ConditionReferent c) {
                    out.put((byte) (c.await(timeout) ? 1 : 0));
                    return c; // the lock is held again
                } else if (r instanceof EventReferent ev) {
                    out.put((byte) (ev.await(timeout) ? 1 : 0));
                } else {
                    throw unsupported(e, "wait");
                }
            }
            case NOTIFY -> out.putInt(condition(e, "notify").notify(in.getInt()));
            case AWAIT_WAITERS -> {
                int n = in.getInt();
                out.put((byte) (condition(e, "wait_for_waiters").awaitWaiters(n, in.getDouble()) ? 1 : 0));
            }
            case WAITERS -> out.putInt(condition(e, "waiters").waiters());
            case SET -> as(EventReferent.class, e, "set").set();
            case CLEAR -> as(EventReferent.class, e, "clear").clear();
            case IS_SET -> out.put((byte) (as(EventReferent.class, e, "is_set").isSet() ? 1 : 0));
            case BARRIER_WAIT -> out.putInt(as(BarrierReferent.class, e, "wait").await(in.getDouble()));
            case BARRIER_ABORT -> as(BarrierReferent.class, e, "abort").abort();
            case BARRIER_RESET -> as(BarrierReferent.class, e, "reset").reset();
            case BARRIER_STATE -> {
                BarrierReferent b = as(BarrierReferent.class, e, "parties");
                out.putInt(b.barrier.getParties()).putInt(b.barrier.getNumberWaiting())
                        .put((byte) (b.isBroken() ? 1 : 0));
            }
            case PUT -> as(QueueReferent.class, e, "put").queue.add(rest(in));
            case GET -> {
                if (r instanceof ValueReferent value) {
                    channel.put(value.value);
                } else {
                    boolean block = in.get() != 0;
                    channel.put(as(QueueReferent.class, e, "get").get(block, in.getDouble()));
                }
            }
            case SIZE -> out.putInt(as(QueueReferent.class, e, "qsize").queue.size());
            case VALUE_SET -> {
                if (!(r instanceof ValueReferent value)) throw unsupported(e, "set");
                byte[] bytes = rest(in);
                Typecodes.check(value.typecode, ManagerProtocol.decode(bytes));
                value.value = bytes;
            }
            case CALL -> {
                byte method = in.get();
                List<Object> args = Reduction.decodeList(rest(in));
                if (!(r instanceof Callee callee)) throw unsupported(e, "method " + method);
                channel.put(ManagerProtocol.encode(callee.call(method, args)));
            }
            default -> throw new IllegalArgumentException("unknown operation " + op);
        }
        return null;
    }

    private static Acquirer acquirer(Registry.Entry e, byte op) {
        if (e.referent() instanceof Acquirer a) return a;
        throw unsupported(e, op == ACQUIRE ? "acquire" : "release");
    }

    private static ConditionReferent condition(Registry.Entry e, String method) {
        if (e.referent() instanceof ConditionReferent c) return c;
        throw unsupported(e, method);
    }

    /** The referent as the type {@code method} needs, or the error Python gives for a method the type lacks. */
    private static <T> T as(Class<T> type, Registry.Entry e, String method) {
        if (type.isInstance(e.referent())) return type.cast(e.referent());
        throw unsupported(e, method);
    }

    private static UnsupportedOperationException unsupported(Registry.Entry e, String method) {
        return new UnsupportedOperationException("'" + kindName(e.kind()) + "' object has no method '" + method + "'");
    }
}
