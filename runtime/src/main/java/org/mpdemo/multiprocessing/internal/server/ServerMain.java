package org.mpdemo.multiprocessing.internal.server;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ProtocolException;
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
 * The manager process's main: everything it does before it serves. It warms up, reads its {@link ServerBoot}
 * from standard input, starts listening, and answers its parent with the {@link Listener#ready} line on standard
 * output — the only thing standard output ever carries — then hands over to {@link ManagerServer}.
 *
 * <p>Start-up time matters here (a manager's start is on its user's critical path), so the code a server runs
 * before its first reply avoids lambdas and string concatenation with '+': each of those bootstraps
 * {@code java.lang.invoke} on first use, which a fresh JVM pays for dearly.
 */
public final class ServerMain {
    private ServerMain() {
    }

    public static void main(String[] args) throws Exception {
        for (boolean sockets : new boolean[] {true, false}) {
            Thread warm = new Thread(new WarmUp(sockets), sockets ? "warm-up-sockets" : "warm-up-security");
            warm.setDaemon(true);
            warm.start();
        }
        ServerBoot boot;
        try {
            boot = ServerBoot.read(System.in);
        } catch (ProtocolException notOurParent) {
            Runtime.getRuntime().halt(2);
            return;
        }
        long pid = currentPid();
        PrintStream stdout = System.out;
        System.setOut(System.err); // standard output carries only the READY line
        CurrentProcess.setName(new StringBuilder("SyncManager-").append(pid).toString());
        Listener listener;
        try {
            listener = boot.tcp() ? Listener.tcp(boot.hostOrBase(), boot.port(), pid)
                    : Listener.unix(Path.of(boot.hostOrBase()), pid);
        } catch (IOException | RuntimeException e) {
            stdout.println("ERROR " + e);
            stdout.flush();
            System.exit(1);
            return;
        }
        stdout.println(listener.ready);
        stdout.flush();
        new ManagerServer(boot.authkey(), pid, listener).run();
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
