package org.mpdemo.multiprocessing.managers;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.mpdemo.multiprocessing.errors.AuthenticationError;
import org.mpdemo.multiprocessing.errors.ProcessError;
import org.mpdemo.multiprocessing.errors.RemoteError;
import org.mpdemo.multiprocessing.internal.reduction.Invoker;
import org.mpdemo.multiprocessing.internal.reduction.Reduction;
import org.mpdemo.multiprocessing.internal.wire.AuthKey;
import org.mpdemo.multiprocessing.internal.wire.Challenge;
import org.mpdemo.multiprocessing.internal.wire.Failure;
import org.mpdemo.multiprocessing.internal.wire.ManagerChannel;
import org.mpdemo.multiprocessing.internal.wire.ManagerProtocol;

/**
 * A process's side of its connections to managers: one {@link Endpoint} per manager address and key, and per
 * endpoint one connection per thread, opened lazily by the first call a thread makes.
 *
 * <p>One connection per thread is what lets a blocking call work: the manager serves each connection on a thread
 * of its own, so an {@code acquire()} blocks only the thread that made it, and an RLock or a condition's lock is
 * owned by the client thread behind the connection — as CPython's proxies keep one connection per thread.
 *
 * <p>When a call finds the manager gone — the connection drops, or cannot be made — the endpoint is marked dead
 * and that call and every later one fail at once with one {@link ProcessError} naming the manager's pid and the
 * proxy: no retry, no connection-refused noise.
 */
final class ManagerClient {
    private static final Map<String, Endpoint> ENDPOINTS = new ConcurrentHashMap<>();

    /**
     * The endpoints of this process's own authkey, by address: every proxy a task receives is a new object that
     * looks its endpoint up once, and this spares that lookup the key's fingerprint (an HMAC).
     */
    private static final Map<ManagerAddress, Endpoint> OWN_KEY = new ConcurrentHashMap<>();

    private ManagerClient() {
    }

    /** The endpoint for a manager; {@code key} {@code null} means this process's authkey. */
    static Endpoint endpoint(ManagerAddress address, long pid, byte[] key) {
        if (key == null) {
            Endpoint e = OWN_KEY.get(address);
            if (e != null && e.pid == pid && !e.gone) return e;
        }
        byte[] k = key != null ? key : AuthKey.processKey();
        String fingerprint = AuthKey.hex(AuthKey.hmac(k, address.toString().getBytes(StandardCharsets.UTF_8)));
        Endpoint e = ENDPOINTS.computeIfAbsent(address + "#" + pid + "#" + fingerprint,
                x -> new Endpoint(address, pid, k));
        if (key == null) OWN_KEY.put(address, e);
        return e;
    }

    /** Connects to the manager at {@code address} once, to learn its pid (and that the keys match). */
    static long probe(ManagerAddress address, byte[] key) {
        Endpoint probe = new Endpoint(address, -1, key);
        String what = "the manager at " + address;
        try {
            probe.begin(what, ManagerProtocol.INFO, 0);
            return probe.call(what).getLong();
        } catch (AuthenticationError e) {
            throw e;
        } catch (ProcessError e) {
            throw new ProcessError("cannot connect to a manager at " + address);
        } finally {
            probe.markGone();
        }
    }

    static final class Endpoint {
        final ManagerAddress address;
        final long pid;
        private final byte[] key;
        private final ThreadLocal<Connection> local = new ThreadLocal<>();
        private final Set<Connection> all = ConcurrentHashMap.newKeySet();
        private volatile boolean gone;

        Endpoint(ManagerAddress address, long pid, byte[] key) {
            this.address = address;
            this.pid = pid;
            this.key = key;
        }

        /** Starts a request on this thread's connection: put the arguments into the returned buffer. */
        ManagerChannel begin(String what, byte op, int id) {
            Connection c = connection(what);
            ByteBuffer out = c.channel.begin();
            out.put(op).putInt(id);
            return c.channel;
        }

        /**
         * Sends the request begun on this thread and returns the reply after its status byte, valid until this
         * thread's next call; re-raises the referent's exception.
         */
        ByteBuffer call(String what) {
            Connection c = local.get();
            ByteBuffer reply;
            try {
                c.channel.send();
                reply = c.channel.receive();
                if (reply == null) throw new java.io.EOFException("the manager closed the connection");
            } catch (IOException e) {
                drop(c);
                throw failure(e, what);
            }
            if (reply.get() == ManagerProtocol.ERROR) throw rethrow(reply);
            return reply;
        }

        private Connection connection(String what) {
            if (gone) throw dead(what);
            Connection c = local.get();
            if (c != null) return c;
            reapDeadThreads();
            SocketChannel socket = null;
            try {
                if (address.unix()) {
                    socket = SocketChannel.open(StandardProtocolFamily.UNIX);
                } else {
                    socket = SocketChannel.open();
                    socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
                }
                socket.connect(address.socketAddress());
            } catch (IOException e) {
                closeQuietly(socket);
                throw failure(e, what);
            }
            ManagerChannel channel = new ManagerChannel(socket);
            try {
                Challenge.client(channel, key);
            } catch (AuthenticationError e) {
                channel.close();
                throw new AuthenticationError(e.getMessage() + " (authenticating with the manager at " + address
                        + "; the authkeys differ)");
            } catch (IOException e) {
                channel.close();
                throw failure(e, what);
            }
            channel.authenticated();
            c = new Connection(Thread.currentThread(), channel);
            local.set(c);
            all.add(c);
            if (gone) { // shut down while we connected
                drop(c);
                throw dead(what);
            }
            return c;
        }

        /**
         * What a failed connection means: an interrupt of this thread, or a manager that is gone — a live manager
         * never drops a client's connection — after which every call fails at once.
         */
        private ProcessError failure(IOException e, String what) {
            if (e instanceof ClosedByInterruptException || Thread.currentThread().isInterrupted()) {
                return new ProcessError("interrupted while calling the manager (pid " + pid + ") for " + what);
            }
            return dead(what);
        }

        private ProcessError dead(String what) {
            markGone();
            return new ProcessError("the manager process (pid " + pid + ") is gone; " + what
                    + " cannot be used");
        }

        /** The manager is gone: every connection of this process to it is closed, every later call fails. */
        void markGone() {
            gone = true;
            ENDPOINTS.values().remove(this); // proxies holding it fail at once; its buffers can be collected
            OWN_KEY.values().remove(this);
            for (Connection c : all) drop(c);
        }

        boolean isGone() {
            return gone;
        }

        private void drop(Connection c) {
            all.remove(c);
            if (c.owner == Thread.currentThread()) local.remove();
            c.channel.close();
        }

        /** Connections of threads that have ended are closed when another thread connects. */
        private void reapDeadThreads() {
            for (Connection c : all) {
                if (!c.owner.isAlive()) {
                    all.remove(c);
                    c.channel.close();
                }
            }
        }
    }

    private record Connection(Thread owner, ManagerChannel channel) {
    }

    /**
     * The referent's exception, rebuilt from an error reply's {@link Failure} (behind {@link Reduction#filter()})
     * with the caller's stack, as CPython re-raises it in the client; a {@link RemoteError} when it cannot be
     * rebuilt here.
     */
    static RuntimeException rethrow(ByteBuffer reply) {
        Throwable error = Failure.decode(ManagerProtocol.rest(reply));
        StackTraceElement[] here = new Throwable().getStackTrace();
        int skip = 0;
        while (skip < here.length - 1 && here[skip].getClassName().startsWith(ManagerClient.class.getName())) skip++;
        error.setStackTrace(java.util.Arrays.copyOfRange(here, skip, here.length));
        throw Invoker.rethrow(error);
    }

    private static void closeQuietly(SocketChannel socket) {
        if (socket == null) return;
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
