package org.mpdemo.multiprocessing.internal.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import org.mpdemo.multiprocessing.internal.wire.AuthKey;

/**
 * Where a manager server listens: a Unix-domain socket in a directory of its own (mode 0700, so only this user
 * may reach it) under the parent's {@code java.io.tmpdir}, or a TCP address. The directory is removed when the
 * server stops — by the server, by its parent when it sees the server exit, or, for a server that was killed, by
 * the next manager's parent ({@link #sweepStale}).
 */
public final class Listener {
    public static final String DIRECTORY_PREFIX = "mpdemo-manager-";
    public static final String SOCKET_NAME = "listener";
    private static final int BACKLOG = 128;

    private final ServerSocketChannel channel;
    /** The socket's directory; {@code null} for TCP. */
    private final Path directory;
    /** What the server answers its parent: {@code READY <pid> unix <path>} or {@code READY <pid> tcp <host> <port>}. */
    final String ready;

    private Listener(ServerSocketChannel channel, Path directory, String ready) {
        this.channel = channel;
        this.directory = directory;
        this.ready = ready;
    }

    static Listener unix(Path base, long pid) throws IOException {
        String name = new StringBuilder(DIRECTORY_PREFIX).append(pid).append('-')
                .append(AuthKey.hex(AuthKey.random(6))).toString();
        Path directory = Files.createDirectory(base.resolve(name), ownerOnly());
        Runtime.getRuntime().addShutdownHook(new Thread(new Cleanup(directory), "manager-cleanup"));
        Path socket = directory.resolve(SOCKET_NAME);
        try {
            return new Listener(bindUnix(socket, BACKLOG), directory,
                    new StringBuilder("READY ").append(pid).append(" unix ").append(socket).toString());
        } catch (IOException | RuntimeException e) {
            removeDirectory(directory); // here and now: the parent kills a server that failed to start
            throw e;
        }
    }

    static Listener tcp(String host, int port, long pid) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        channel.bind(new InetSocketAddress(host, port), BACKLOG);
        InetSocketAddress bound = (InetSocketAddress) channel.getLocalAddress();
        return new Listener(channel, null, new StringBuilder("READY ").append(pid).append(" tcp ")
                .append(bound.getAddress().getHostAddress()).append(' ').append(bound.getPort()).toString());
    }

    /** The next connection, with Nagle's delay off on TCP: every request is a small message awaiting a reply. */
    SocketChannel accept() throws IOException {
        SocketChannel socket = channel.accept();
        try {
            if (directory == null) socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException ignored) {
            // served without it
        }
        return socket;
    }

    /** Removes the directory first — whatever happens next, nothing is left behind — then stops listening. */
    void close() {
        removeDirectory(directory);
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static void removeDirectory(Path directory) {
        if (directory == null) return;
        try {
            Files.deleteIfExists(directory.resolve(SOCKET_NAME));
            Files.deleteIfExists(directory);
        } catch (IOException ignored) {
            // the parent or the next manager removes it
        }
    }

    private static final class Cleanup implements Runnable {
        private final Path directory;

        Cleanup(Path directory) {
            this.directory = directory;
        }

        @Override
        public void run() {
            removeDirectory(directory);
        }
    }

    /** Mode 0700, for a server's directory: only this user may reach the socket inside. */
    static FileAttribute<?> ownerOnly() {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    }

    /** A Unix-domain socket listening at {@code socket}. */
    static ServerSocketChannel bindUnix(Path socket, int backlog) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(UnixDomainSocketAddress.of(socket), backlog);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return channel;
    }

    /**
     * Removes the directories of managers whose process is gone (killed before they could clean up): only
     * directories named as ours, owned by this user, and only the socket inside them.
     */
    public static void sweepStale(Path base) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(base)) {
            for (Path dir : dirs) {
                String fileName = dir.getFileName().toString();
                if (!fileName.startsWith(DIRECTORY_PREFIX)) continue;
                String rest = fileName.substring(DIRECTORY_PREFIX.length());
                int dash = rest.indexOf('-');
                if (dash < 1) continue;
                long owner;
                try {
                    owner = Long.parseLong(rest.substring(0, dash));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (isRunning(owner)) continue;
                removeManagerDirectory(dir);
            }
        } catch (IOException | RuntimeException ignored) {
            // best effort
        }
    }

    /** Removes a manager's directory and its socket, never following links; other contents keep it. */
    public static void removeManagerDirectory(Path dir) {
        try {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) return;
            String me = System.getProperty("user.name");
            if (!Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName().equals(me)) return;
            Files.deleteIfExists(dir.resolve(SOCKET_NAME));
            Files.deleteIfExists(dir);
        } catch (IOException | RuntimeException ignored) {
            // best effort: a directory that is not ours, or not empty, stays
        }
    }

    /** Whether a local process runs: it exists and is not a zombie (a killed child not yet reaped). */
    private static boolean isRunning(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int close = stat.lastIndexOf(')');
            char state = close > 0 && close + 2 < stat.length() ? stat.charAt(close + 2) : '?';
            return state != 'Z' && state != 'X';
        } catch (java.nio.file.NoSuchFileException gone) {
            return false;
        } catch (IOException | RuntimeException noProc) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }
}
