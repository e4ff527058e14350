package org.mpdemo.multiprocessing.internal.server;

import org.mpdemo.multiprocessing.internal.wire.Connection;
import org.mpdemo.multiprocessing.internal.launch.Parent;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mpdemo.multiprocessing.internal.launch.ClassDataArchive;
import org.mpdemo.multiprocessing.internal.launch.CurrentProcess;
import org.mpdemo.multiprocessing.internal.reduction.Reduction;
import org.mpdemo.multiprocessing.internal.wire.AuthKey;
import org.mpdemo.multiprocessing.internal.wire.Challenge;
import org.mpdemo.multiprocessing.internal.wire.ManagerChannel;
import org.mpdemo.multiprocessing.internal.wire.ManagerProtocol;

/**
 * What the manager process does before it serves. The process is a child like any other, started on the generic
 * child main with {@link #serve} as its target: it warms up, reads its {@link ServerBoot}, starts listening, and
 * answers its parent with the {@link Listener#ready} line in a READY frame, then hands over to
 * {@link ManagerServer}.
 *
 * <p>Start-up time matters here (a manager's start is on its user's critical path), so the code a server runs
 * before its first reply avoids lambdas and string concatenation with '+': each of those bootstraps
 * {@code java.lang.invoke} on first use, which a fresh JVM pays for dearly.
 */
public final class ServerMain {
    private ServerMain() {
    }

    /**
     * The server's target, run by the generic child main ({@code ChildMain}): warms up, decodes {@code boot} (a
     * {@link ServerBoot}), starts listening and sends its parent the READY frame with the {@link Listener#ready}
     * line (or {@code ERROR …}), then serves until the parent closes the channel or dies.
     */
    public static void serve(byte[] boot) throws IOException {
        for (boolean sockets : new boolean[] {true, false}) {
            Thread warm = new Thread(new WarmUp(sockets), sockets ? "warm-up-sockets" : "warm-up-security");
            warm.setDaemon(true);
            warm.start();
        }
        ServerBoot config = ServerBoot.decode(boot);
        long pid = currentPid();
        CurrentProcess.setName(new StringBuilder("SyncManager-").append(pid).toString());
        Listener listener;
        try {
            listener = config.tcp() ? Listener.tcp(config.hostOrBase(), config.port(), pid)
                    : Listener.unix(Path.of(config.hostOrBase()), pid);
        } catch (IOException | RuntimeException e) {
            ready(new StringBuilder("ERROR ").append(e).toString());
            Parent.exit(1);
            return;
        }
        ManagerServer server = new ManagerServer(config.authkey(), pid, listener);
        Parent.whenGone(new Stop(server)); // before READY: the parent may close the channel right after it
        ready(listener.ready);
        server.run();
    }

    /** The parent's answer, the one thing the server sends it on the channel. */
    private static void ready(String line) throws IOException {
        Parent.connection().send(Connection.READY, line.getBytes(StandardCharsets.US_ASCII));
    }

    /** End of file from the parent — Manager.shutdown(), or its death — stops the server: a named class, no lambda. */
    private static final class Stop implements Runnable {
        private final ManagerServer server;

        Stop(ManagerServer server) {
            this.server = server;
        }

        @Override
        public void run() {
            server.stop();
        }
    }

    /**
     * For the class-data archive's trainer ({@link ClassDataArchive#exercise}): loads, in the trainer's worker, the
     * JDK classes a server loads before it is ready — the security providers, the Unix-domain socket classes, a
     * listening socket's — so that the archive every child maps holds them too, instead of each server parsing
     * them from the JDK's modules image.
     */
    public static void exerciseForArchive() throws IOException {
        new WarmUp(false).run();
        new WarmUp(true).run();
        Path dir = Files.createTempDirectory("mpdemo-cds-training-", Listener.ownerOnly());
        Path socket = dir.resolve(Listener.SOCKET_NAME);
        try {
            Listener.bindUnix(socket, 1).close();
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        }
    }

    /** This process's pid, without ProcessHandle's start-up cost (a thread pool and lambdas). */
    private static long currentPid() {
        try {
            return Long.parseLong(Files.readSymbolicLink(Path.of("/proc/self")).toString());
        } catch (IOException | RuntimeException notLinux) {
            return ProcessHandle.current().pid();
        }
    }

    /**
     * Loads and initializes what binding and the first connection need, on two threads while the main thread
     * reads its boot message and makes its directory. Two chains make up most of the time before the server can
     * answer, and they are independent: the sockets' {@code SelectorProvider}, whose first lambda bootstraps
     * {@code java.lang.invoke}; and the security providers, which the JDK's Unix-domain socket class loads when
     * it is initialized (it draws a {@code SecureRandom}, "NativePRNGNonBlocking"), and the handshake's SHA-256
     * too. Then the frame buffers, the referents, {@link Reduction}.
     */
    private static final class WarmUp implements Runnable {
        private final boolean sockets;

        WarmUp(boolean sockets) {
            this.sockets = sockets;
        }

        @Override
        public void run() {
            if (!sockets) {
                try {
                    java.security.SecureRandom.getInstance("NativePRNGNonBlocking");
                } catch (java.security.NoSuchAlgorithmException | RuntimeException ignored) {
                    // only a warm-up: not on this platform
                }
                AuthKey.hmac(AuthKey.random(32), Challenge.CHALLENGE);
                return;
            }
            java.nio.channels.spi.SelectorProvider.provider();
            try {
                SocketChannel.open(StandardProtocolFamily.UNIX).close(); // what an accepted connection loads
            } catch (IOException | RuntimeException ignored) {
                // only a warm-up
            }
            new ManagerChannel(null).authenticated();
            new SemaphoreReferent("warm-up", "Lock", 1, 1, "").value();
            ManagerProtocol.decode(ManagerProtocol.encode(ManagerProtocol.objectName(ManagerProtocol.LOCK, 1, 1)));
            Handshake.warmUp();
        }
    }
}
