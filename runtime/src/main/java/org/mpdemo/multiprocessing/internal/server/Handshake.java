package org.mpdemo.multiprocessing.internal.server;

import java.io.IOException;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.Semaphore;
import org.mpdemo.multiprocessing.internal.wire.Challenge;
import org.mpdemo.multiprocessing.internal.wire.ManagerChannel;

/**
 * The handshake watchdog: a connection must prove it holds the authkey within {@link #MILLIS}, or it is closed;
 * and at most {@link #MAX_PENDING} connections are being authenticated at once. Further ones wait in the listen
 * backlog until a slot frees (a handshake ends or times out), so a flood of silent connections delays clients
 * but never drops one.
 */
final class Handshake {
    static final long MILLIS = 5_000;
    static final int MAX_PENDING = 64;
    /** One daemon thread for every deadline; it starts with the server's warm-up ({@link #warmUp}). */
    private static final Timer TIMER = new Timer("handshake-watchdog", true);

    private final byte[] authkey;
    private final Semaphore pending = new Semaphore(MAX_PENDING);

    Handshake(byte[] authkey) {
        this.authkey = authkey;
    }

    /** Starts the watchdog's thread now, not when the first client connects. */
    static void warmUp() {
        TIMER.purge();
    }

    /** Waits for a free handshake slot; {@link #authenticate} or {@link #abandon} frees it. */
    void awaitSlot() {
        pending.acquireUninterruptibly();
    }

    /** Frees the slot of a connection that was never made. */
    void abandon() {
        pending.release();
    }

    /**
     * Runs the server's side of the challenge on {@code channel} within the deadline, frees the slot whatever
     * the outcome, and lifts the channel's frame limit once the client has proved the key.
     */
    void authenticate(ManagerChannel channel) throws IOException {
        TimerTask deadline = new Deadline(channel);
        try {
            TIMER.schedule(deadline, MILLIS);
            Challenge.server(channel, authkey);
        } finally {
            deadline.cancel();
            pending.release();
        }
        channel.authenticated();
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
