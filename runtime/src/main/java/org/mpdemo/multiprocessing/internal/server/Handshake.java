package org.mpdemo.multiprocessing.internal.server;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Timer;
import java.util.TimerTask;
import java.util.function.Consumer;
import org.mpdemo.multiprocessing.internal.wire.Challenge;
import org.mpdemo.multiprocessing.internal.wire.ManagerChannel;

/**
 * Authentication of new connections, in two stages, so that connections that say nothing cost no thread and
 * hold up nobody.
 *
 * <ol>
 *   <li>On accept the manager sends its challenge and parks the connection in one selector, on one thread, until
 *       the client begins to answer. Up to {@value #MAX_SILENT} connections may wait there, each at most
 *       {@link #MILLIS} ms; beyond that the oldest is closed.</li>
 *   <li>A connection that has answered gets a thread of its own, one of at most {@value #MAX_PENDING} finishing a
 *       handshake at once (the others wait in line, threadless), and must prove the key within what is left of
 *       its {@link #MILLIS} ms, or it is closed.</li>
 * </ol>
 *
 * <p>A flood of silent connections therefore neither blocks the accept loop nor takes a slot: a client with the
 * key is answered at once. Before, every accepted connection took a slot for up to 5 s, and 300 silent ones kept
 * a client out for 5 to 20 s.
 */
final class Handshake {
    static final long MILLIS = 5_000;
    static final int MAX_PENDING = 64;
    static final int MAX_SILENT = 1024;
    /** One daemon thread for every deadline; it starts with the server's warm-up ({@link #warmUp}). */
    private static final Timer TIMER = new Timer("handshake-watchdog", true);

    private final byte[] authkey;
    /** What to do with a connection that has proved the key: serve it, on its own thread. */
    private final Consumer<ManagerChannel> serve;
    private final Selector selector;
    /** Waiting to be registered with the selector (guarded by itself). */
    private final ArrayDeque<Waiting> arrivals = new ArrayDeque<>();
    /** Registered, oldest first (selector thread only). */
    private final ArrayDeque<Waiting> silent = new ArrayDeque<>();
    /** Answered, waiting for a thread (guarded by this). */
    private final ArrayDeque<Waiting> answered = new ArrayDeque<>();
    /** Threads finishing a handshake now (guarded by this). */
    private int finishing;

    /** A connection between its challenge and the end of its handshake. */
    private record Waiting(ManagerChannel channel, byte[] challenge, long deadline) {
    }

    Handshake(byte[] authkey, Consumer<ManagerChannel> serve) throws IOException {
        this.authkey = authkey;
        this.serve = serve;
        this.selector = Selector.open();
        Thread watcher = new Thread(new Watch(this), "handshake-selector");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Starts the watchdog's thread now, not when the first client connects. */
    static void warmUp() {
        TIMER.purge();
    }

    /** A connection just accepted: its challenge goes out now, and the selector waits for its answer. */
    void admit(SocketChannel socket) {
        ManagerChannel channel = new ManagerChannel(socket);
        try {
            byte[] challenge = Challenge.serverHello(channel); // a few bytes into an empty socket: never blocks
            socket.configureBlocking(false);
            synchronized (arrivals) {
                arrivals.add(new Waiting(channel, challenge, System.nanoTime() + MILLIS * 1_000_000));
            }
            selector.wakeup();
        } catch (IOException e) {
            channel.close();
        }
    }

    /** The selector's thread: registers arrivals, passes on those that answer, closes those whose time is up. */
    private void watch() {
        while (selector.isOpen()) {
            try {
                long now = System.nanoTime();
                long wait = silent.isEmpty() ? 0 : Math.max(1, (silent.peek().deadline - now) / 1_000_000);
                selector.select(wait);
                synchronized (arrivals) {
                    for (Waiting w; (w = arrivals.poll()) != null; ) {
                        try {
                            w.channel.socket.register(selector, SelectionKey.OP_READ, w);
                            silent.add(w);
                        } catch (ClosedChannelException e) {
                            w.channel.close();
                        }
                    }
                }
                // every connection that answered, taken out of the selector at once: one selectNow() deregisters
                // them all (called while iterating the selected keys, it would leave the others selected and unseen)
                List<Waiting> ready = new ArrayList<>();
                for (SelectionKey key : selector.selectedKeys()) {
                    ready.add((Waiting) key.attachment());
                    key.cancel();
                }
                selector.selectedKeys().clear();
                if (!ready.isEmpty()) selector.selectNow();
                for (Waiting w : ready) {
                    silent.remove(w);
                    try {
                        w.channel.socket.configureBlocking(true); // the rest of its handshake blocks, on its thread
                        answered(w);
                    } catch (IOException | RuntimeException e) {
                        w.channel.close();
                    }
                }
                now = System.nanoTime();
                while (!silent.isEmpty() && (silent.peek().deadline - now <= 0 || silent.size() > MAX_SILENT)) {
                    Waiting w = silent.poll();
                    SelectionKey key = w.channel.socket.keyFor(selector);
                    if (key != null) key.cancel();
                    w.channel.close();
                }
            } catch (IOException | RuntimeException e) {
                // one connection's trouble; the others go on waiting
            }
        }
    }

    /** A connection that began to answer: it finishes on a thread of its own, once one of the slots is free. */
    private void answered(Waiting w) {
        synchronized (this) {
            if (finishing >= MAX_PENDING) {
                answered.add(w);
                return;
            }
            finishing++;
        }
        start(w);
    }

    private void start(Waiting w) {
        Thread t = new Thread(null, new Finish(this, w), "manager-connection", 256 << 10);
        t.setDaemon(true);
        t.start();
    }

    /** Proves the key within what is left of the connection's time, frees the slot, then serves it. */
    private void finish(Waiting w) {
        boolean proved = false;
        long left = Math.max(1, (w.deadline - System.nanoTime()) / 1_000_000);
        TimerTask deadline = new Deadline(w.channel);
        try {
            TIMER.schedule(deadline, left);
            Challenge.serverFinish(w.channel, authkey, w.challenge);
            proved = true;
        } catch (IOException | RuntimeException e) {
            w.channel.close(); // a wrong key, a broken protocol or the time up: this connection only
        } finally {
            deadline.cancel();
            Waiting next;
            synchronized (this) {
                next = answered.poll();
                if (next == null) finishing--;
            }
            if (next != null) start(next);
        }
        if (proved) {
            w.channel.authenticated();
            serve.accept(w.channel);
        }
    }

    // named classes, not lambdas: the first lambda costs a fresh JVM its start-up (see ChildMain)
    private record Watch(Handshake handshake) implements Runnable {
        @Override
        public void run() {
            handshake.watch();
        }
    }

    private record Finish(Handshake handshake, Waiting waiting) implements Runnable {
        @Override
        public void run() {
            handshake.finish(waiting);
        }
    }

    /** Closes a connection still authenticating when its time is up. */
    private static final class Deadline extends TimerTask {
        private final ManagerChannel channel;

        Deadline(ManagerChannel channel) {
            this.channel = channel;
        }

        @Override
        public void run() {
            channel.close();
        }
    }
}
