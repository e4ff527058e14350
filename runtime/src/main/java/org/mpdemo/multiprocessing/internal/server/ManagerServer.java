package org.mpdemo.multiprocessing.internal.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mpdemo.multiprocessing.internal.wire.ManagerChannel;
import org.mpdemo.multiprocessing.trace.Trace;
import org.mpdemo.multiprocessing.trace.TraceEvent;

/**
 * A running manager (CPython's {@code managers.Server}): it serves each client connection on a thread of its
 * own, so a blocking call — {@code acquire()}, {@code wait()} — blocks only the client that made it, and a lock's
 * owner is the client thread behind that connection. End of file from the parent — it closed the channel, or
 * died — stops the server at once ({@link ServerMain} arranges it). {@link ServerMain} starts it.
 */
final class ManagerServer {
    private final Listener listener;
    private final Handshake handshake;
    private final Dispatcher dispatcher;
    private final AtomicBoolean stopping = new AtomicBoolean();
    /** Every open connection, and the thread serving it. */
    private final Map<ManagerChannel, Thread> connections = new ConcurrentHashMap<>();
    private volatile Thread acceptor;

    ManagerServer(byte[] authkey, long pid, Listener listener) {
        this.listener = listener;
        try {
            this.handshake = new Handshake(authkey, new Serve(this));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot open the handshake's selector", e);
        }
        this.dispatcher = new Dispatcher(new Registry(pid), pid);
    }

    /** Serves on this thread until {@link #stop()}: the parent closed the channel, or died. */
    void run() {
        acceptor = Thread.currentThread();
        if (Referents.TRACING) Trace.event(TraceEvent.MANAGER_START, "address", listener.ready);
        acceptLoop();
    }

    private void acceptLoop() {
        while (true) {
            SocketChannel socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (stopping.get()) return;
                continue;
            }
            handshake.admit(socket); // no thread for it until it answers: see Handshake
        }
    }

    /** Serves an authenticated connection on the thread that authenticated it, until it closes. */
    private void serve(ManagerChannel channel) {
        connections.put(channel, Thread.currentThread());
        try {
            ByteBuffer request;
            while ((request = channel.receive()) != null) {
                dispatcher.handle(channel, request);
            }
        } catch (IOException | RuntimeException e) {
            // the client went away, or it broke the protocol: drop this connection only
        } finally {
            connections.remove(channel);
            channel.close();
        }
    }

    /** Closes the listener and every connection, and ends the process. */
    void stop() {
        if (!stopping.compareAndSet(false, true)) return;
        if (Referents.TRACING) Trace.event(TraceEvent.MANAGER_STOP);
        listener.close();
        // The JVM's exit waits for threads in native code, polling for a while: closing the sockets wakes the
        // threads blocked in accept() or read(), and waiting until they have left the socket call lets the exit
        // go through at once. Threads blocked on behalf of clients (in acquire(), wait() …) are parked, not in
        // native code, and must not keep the process alive: halt(), not exit().
        for (ManagerChannel c : connections.keySet()) c.close();
        long deadline = System.nanoTime() + 100_000_000L;
        leaveSocketCall(acceptor, deadline);
        for (Thread t : connections.values()) leaveSocketCall(t, deadline);
        Runtime.getRuntime().halt(0);
    }

    /** Waits until {@code t}, woken by the close of its socket, has ended or blocks elsewhere; at most until then. */
    private static void leaveSocketCall(Thread t, long deadline) {
        if (t == null || t == Thread.currentThread()) return;
        try {
            while (t.getState() == Thread.State.RUNNABLE) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return;
                t.join(Math.max(1, Math.min(left / 1_000_000, 2)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the handshake does with a connection that proved the key (a named class: see ChildMain on lambdas). */
    private record Serve(ManagerServer server) implements java.util.function.Consumer<ManagerChannel> {
        @Override
        public void accept(ManagerChannel channel) {
            server.serve(channel);
        }
    }
}
