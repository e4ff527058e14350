package org.mpdemo.multiprocessing.internal.server;

import static org.mpdemo.multiprocessing.internal.wire.ManagerProtocol.*;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.mpdemo.multiprocessing.errors.ProcessError;
import org.mpdemo.multiprocessing.internal.launch.ClassDataArchive;
import org.mpdemo.multiprocessing.internal.launch.CurrentProcess;
import org.mpdemo.multiprocessing.internal.reduction.Reduction;
import org.mpdemo.multiprocessing.internal.wire.AuthKey;
import org.mpdemo.multiprocessing.internal.wire.Challenge;
import org.mpdemo.multiprocessing.internal.wire.ManagerChannel;
import org.mpdemo.multiprocessing.internal.wire.ManagerProtocol;
import org.mpdemo.multiprocessing.internal.wire.Typecodes;
import org.mpdemo.multiprocessing.shared.Semaphore;
import org.mpdemo.multiprocessing.trace.Trace;
import org.mpdemo.multiprocessing.trace.TraceEvent;

/**
 * The manager process (CPython's {@code managers.Server}): a JVM of its own that holds the shared objects and
 * serves each client connection on a thread of its own, so a blocking call — {@code acquire()}, {@code wait()} —
 * blocks only the client that made it, and a lock's owner is the client thread behind that connection.
 *
 * <p>Its parent sends the authkey and where to listen on standard input, never on the command line; the server
 * answers {@code READY <pid> unix <path>} or {@code READY <pid> tcp <host> <port>} on standard output. End of file
 * on standard input — the parent closed it, or died — stops the server at once. By default it listens on a
 * Unix-domain socket in a directory of its own, mode 0700, under the parent's {@code java.io.tmpdir}, and removes
 * the directory when it stops. (The parent, while the server starts, removes such directories left by managers
 * that were killed.)
 */
public final class ManagerServer {
    public static final int BOOT_MAGIC = 0x4d504d31; // "MPM1"
    public static final String DIRECTORY_PREFIX = "mpdemo-manager-";
    public static final String SOCKET_NAME = "listener";
    /** How long a connection may take to authenticate. */
    public static final long HANDSHAKE_MILLIS = 5_000;
    /**
     * Connections being authenticated, at most; further ones wait in the listen backlog until a slot frees (a
     * handshake ends or times out), so a flood of silent connections delays clients but never drops one.
     */
    public static final int MAX_PENDING = 64;

    private final byte[] authkey;
    private final long pid = currentPid();
    private final Map<Integer, Entry> objects = new ConcurrentHashMap<>();
    private final Map<String, Integer> names = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final java.util.concurrent.Semaphore pending = new java.util.concurrent.Semaphore(MAX_PENDING);
    private final AtomicBoolean stopping = new AtomicBoolean();
    /** Every open connection, and the thread serving it. */
    private final Map<ManagerChannel, Thread> connections = new ConcurrentHashMap<>();
    private volatile Thread acceptor;
    private ServerSocketChannel listener;
    private Path directory;

    /** One shared object: its kind, the referent, and an auxiliary object's id (a condition's or value's lock). */
    public record Entry(int id, byte kind, String name, Object referent, int aux) {
    }

    private ManagerServer(byte[] authkey) {
        this.authkey = authkey;
    }

    /*
     * Start-up time matters here (a manager's start is on its user's critical path), so the code a server runs
     * before its first reply avoids lambdas and string concatenation with '+': each of those bootstraps
     * java.lang.invoke on first use, 20-40 ms in a fresh JVM.
     */
    public static void main(String[] args) throws Exception {
        for (boolean sockets : new boolean[] {true, false}) {
            Thread warm = new Thread(new WarmUp(sockets), sockets ? "warm-up-sockets" : "warm-up-security");
            warm.setDaemon(true);
            warm.start();
        }
        DataInputStream boot = new DataInputStream(System.in);
        if (boot.readInt() != BOOT_MAGIC) Runtime.getRuntime().halt(2);
        byte[] key = new byte[boot.readUnsignedShort()];
        boot.readFully(key);
        boolean tcp = boot.readBoolean();
        String hostOrBase = boot.readUTF();
        int port = boot.readInt();
        ManagerServer server = new ManagerServer(key);
        PrintStream stdout = System.out;
        System.setOut(System.err); // standard output carries only the READY line
        CurrentProcess.setName(new StringBuilder("SyncManager-").append(server.pid).toString());
        String ready;
        try {
            ready = tcp ? server.listenTcp(hostOrBase, port) : server.listenUnix(Path.of(hostOrBase));
        } catch (IOException | RuntimeException e) {
            stdout.println("ERROR " + e);
            stdout.flush();
            System.exit(1);
            return;
        }
        stdout.println(ready);
        stdout.flush();
        server.acceptor = Thread.currentThread();
        Thread parent = new Thread(server.new ParentWatch(), "parent-watchdog");
        parent.setDaemon(true);
        parent.start();
        if (ManagedObjects.TRACING) Trace.event(TraceEvent.MANAGER_START, "address", ready);
        server.acceptLoop();
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
            new ManagedObjects.Counter("warm-up", "Lock", 1, 1, "").value();
            ManagerProtocol.decode(ManagerProtocol.encode(ManagerProtocol.objectName(ManagerProtocol.LOCK, 1, 1)));
            Watchdog.TIMER.purge(); // its thread started here, not when the first client connects
        }
    }

    /**
     * For the class-data archive's trainer ({@link ClassDataArchive#exercise}): loads, in the trainer's worker, the
     * JDK classes a server loads before it is ready — the security providers, the Unix-domain socket classes, a
     * listening socket's — so that the archive every child maps holds them too (~140 classes a server would
     * otherwise parse from the JDK's modules image).
     */
    public static void exerciseForArchive() throws IOException {
        new WarmUp(false).run();
        new WarmUp(true).run();
        Path dir = Files.createTempDirectory("mpdemo-cds-training-", ownerOnly());
        Path socket = dir.resolve(SOCKET_NAME);
        try {
            bindUnix(socket, 1).close();
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        }
    }

    private final class ParentWatch implements Runnable {
        @Override
        public void run() {
            watchParent(System.in);
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

    // ---- listening and lifetime -------------------------------------------------------------------------------

    private String listenUnix(Path base) throws IOException {
        String name = new StringBuilder(DIRECTORY_PREFIX).append(pid).append('-')
                .append(AuthKey.hex(AuthKey.random(6))).toString();
        directory = Files.createDirectory(base.resolve(name), ownerOnly());
        Runtime.getRuntime().addShutdownHook(new Thread(new Cleanup(), "manager-cleanup"));
        Path socket = directory.resolve(SOCKET_NAME);
        listener = bindUnix(socket, 128);
        return new StringBuilder("READY ").append(pid).append(" unix ").append(socket).toString();
    }

    /** Mode 0700, for a server's directory: only this user may reach the socket inside. */
    private static java.nio.file.attribute.FileAttribute<?> ownerOnly() {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    }

    /** A Unix-domain socket listening at {@code socket}. */
    private static ServerSocketChannel bindUnix(Path socket, int backlog) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(UnixDomainSocketAddress.of(socket), backlog);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return channel;
    }

    private final class Cleanup implements Runnable {
        @Override
        public void run() {
            removeDirectory();
        }
    }

    private String listenTcp(String host, int port) throws IOException {
        listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress(host, port), 128);
        InetSocketAddress bound = (InetSocketAddress) listener.getLocalAddress();
        return new StringBuilder("READY ").append(pid).append(" tcp ").append(bound.getAddress().getHostAddress())
                .append(' ').append(bound.getPort()).toString();
    }

    /** Reads standard input until end of file (or a stop byte), then stops the server. */
    private void watchParent(InputStream in) {
        try {
            while (in.read() >= 0) {
                break; // any byte is a stop request; end of file means the parent is gone
            }
        } catch (IOException ignored) {
            // same as end of file
        }
        stop();
    }

    private void stop() {
        if (!stopping.compareAndSet(false, true)) return;
        if (ManagedObjects.TRACING) Trace.event(TraceEvent.MANAGER_STOP);
        removeDirectory(); // first: whatever happens next, nothing is left behind
        // The JVM's exit waits for threads in native code, 10 ms at a time and up to 300 ms: closing the sockets
        // wakes the threads blocked in accept() or read(), and waiting until they have left the socket call lets
        // the exit go through at once. Threads blocked on behalf of clients (in acquire(), wait() …) are parked,
        // not in native code, and must not keep the process alive: halt(), not exit().
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
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

    private void removeDirectory() {
        if (directory == null) return;
        try {
            Files.deleteIfExists(directory.resolve(SOCKET_NAME));
            Files.deleteIfExists(directory);
        } catch (IOException ignored) {
            // the parent or the next manager removes it
        }
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

    // ---- connections ------------------------------------------------------------------------------------------

    private void acceptLoop() {
        while (true) {
            SocketChannel socket;
            pending.acquireUninterruptibly(); // a slot for one more handshake; released when it ends
            try {
                socket = listener.accept();
            } catch (IOException e) {
                pending.release();
                if (stopping.get()) return;
                continue;
            }
            try {
                if (socket.getLocalAddress() instanceof InetSocketAddress) {
                    socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
                }
            } catch (IOException ignored) {
                // served without it
            }
            Thread t = new Thread(null, new Serve(socket), "manager-connection", 256 << 10);
            t.setDaemon(true);
            t.start();
        }
    }

    private final class Serve implements Runnable {
        private final SocketChannel socket;

        Serve(SocketChannel socket) {
            this.socket = socket;
        }

        @Override
        public void run() {
            serve(socket);
        }
    }

    /** Closes the connections that take longer than {@link #HANDSHAKE_MILLIS} to authenticate. */
    private static final class Watchdog {
        static final Timer TIMER = new Timer("handshake-watchdog", true);
    }

    private void serve(SocketChannel socket) {
        ManagerChannel channel = new ManagerChannel(socket);
        connections.put(channel, Thread.currentThread());
        TimerTask deadline = new TimerTask() {
            @Override
            public void run() {
                channel.close();
            }
        };
        boolean counted = true;
        try {
            Watchdog.TIMER.schedule(deadline, HANDSHAKE_MILLIS);
            Challenge.server(channel, authkey);
            deadline.cancel();
            pending.release();
            counted = false;
            channel.authenticated();
            ByteBuffer request;
            while ((request = channel.receive()) != null) {
                handle(channel, request);
            }
        } catch (IOException | RuntimeException e) {
            // authentication failed, the client went away, or it broke the protocol: drop this connection only
        } finally {
            deadline.cancel();
            if (counted) pending.release();
            connections.remove(channel);
            channel.close();
        }
    }

    /** Serves one request. A malformed request throws and ends the connection. */
    private void handle(ManagerChannel channel, ByteBuffer request) throws IOException {
        byte op = request.get();
        int id = request.getInt();
        ByteBuffer out = channel.begin();
        out.put(OK);
        ManagedObjects.Acquirer undo = null;
        try {
            undo = dispatch(channel, op, id, request);
        } catch (java.nio.BufferUnderflowException malformed) {
            throw new java.net.ProtocolException("malformed request");
        } catch (BrokenBarrierException | RuntimeException e) {
            writeError(channel, e);
        }
        try {
            channel.send();
        } catch (IOException e) {
            // the client is gone: it must not keep what it can no longer learn it acquired
            if (undo != null) undo.release();
            throw e;
        }
    }

    private static void writeError(ManagerChannel channel, Throwable e) {
        ByteBuffer out = channel.begin();
        out.put(ERROR);
        putString(channel, e.getClass().getName());
        putString(channel, e.getMessage() == null ? "\0" : e.getMessage());
        byte[] serialized;
        try {
            serialized = Reduction.serialize(e);
        } catch (RuntimeException notSerializable) {
            serialized = new byte[0];
        }
        channel.ensure(4 + serialized.length).putInt(serialized.length).put(serialized);
    }

    /** Performs one call; returns the object to release if the reply cannot be delivered. */
    private ManagedObjects.Acquirer dispatch(ManagerChannel channel, byte op, int id, ByteBuffer in)
            throws BrokenBarrierException {
        ByteBuffer out = channel.ensure(16);
        switch (op) {
            case CREATE -> {
                byte kind = in.get();
                List<Object> args = Reduction.decodeList(rest(in));
                Entry e = create(kind, args);
                channel.ensure(8).putInt(e.id()).putInt(e.aux());
                return null;
            }
            case REGISTER -> {
                String name = getString(in);
                names.put(name, entry(in.getInt()).id());
                return null;
            }
            case LOOKUP -> {
                String name = getString(in);
                Integer found = names.get(name);
                if (found == null) throw new java.util.NoSuchElementException("no object registered as '" + name + "'");
                Entry e = objects.get(found);
                out.put(e.kind()).putInt(found).putInt(e.aux());
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
        Entry e = entry(id);
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
                if (!(r instanceof ManagedObjects.Counter c) || e.kind() == LOCK) throw unsupported(e, "get_value");
                out.putInt(c.value());
            }
            case WAIT -> {
                double timeout = in.getDouble();
                if (r instanceof ManagedObjects.Cond c) {
                    out.put((byte) (c.await(timeout) ? 1 : 0));
                    return c; // the lock is held again
                } else if (r instanceof ManagedObjects.Flag f) {
                    out.put((byte) (f.await(timeout) ? 1 : 0));
                } else {
                    throw unsupported(e, "wait");
                }
            }
            case NOTIFY -> out.putInt(cond(e, "notify").notify(in.getInt()));
            case AWAIT_WAITERS -> {
                int n = in.getInt();
                out.put((byte) (cond(e, "wait_for_waiters").awaitWaiters(n, in.getDouble()) ? 1 : 0));
            }
            case WAITERS -> out.putInt(cond(e, "waiters").waiters());
            case SET -> flag(e, "set").set();
            case CLEAR -> flag(e, "clear").clear();
            case IS_SET -> out.put((byte) (flag(e, "is_set").isSet() ? 1 : 0));
            case BARRIER_WAIT -> out.putInt(gate(e, "wait").await(in.getDouble()));
            case BARRIER_ABORT -> gate(e, "abort").abort();
            case BARRIER_RESET -> gate(e, "reset").reset();
            case BARRIER_STATE -> {
                var g = gate(e, "parties");
                out.putInt(g.barrier.getParties()).putInt(g.barrier.getNumberWaiting())
                        .put((byte) (g.isBroken() ? 1 : 0));
            }
            case PUT -> items(e, "put").queue.add(rest(in));
            case GET -> {
                if (r instanceof ManagedObjects.Cell cell) {
                    channel.put(cell.value);
                } else {
                    boolean block = in.get() != 0;
                    channel.put(items(e, "get").get(block, in.getDouble()));
                }
            }
            case SIZE -> out.putInt(items(e, "qsize").queue.size());
            case VALUE_SET -> {
                if (!(r instanceof ManagedObjects.Cell cell)) throw unsupported(e, "set");
                byte[] value = rest(in);
                Typecodes.check(cell.typecode, ManagerProtocol.decode(value));
                cell.value = value;
            }
            case CALL -> {
                byte method = in.get();
                List<Object> args = Reduction.decodeList(rest(in));
                Object result;
                if (r instanceof ManagedObjects.Collection c) result = c.call(method, args);
                else if (r instanceof ManagedObjects.Slots s) result = s.call(method, args);
                else throw unsupported(e, "method " + method);
                channel.put(ManagerProtocol.encode(result));
            }
            default -> throw new IllegalArgumentException("unknown operation " + op);
        }
        return null;
    }

    private Entry create(byte kind, List<Object> args) {
        int id = ids.incrementAndGet();
        String name = objectName(kind, pid, id);
        int aux = 0;
        Object referent = switch (kind) {
            case LOCK -> new ManagedObjects.Counter(name, "Lock", 1, 1, "release unlocked lock");
            case RLOCK -> new ManagedObjects.Recursive(name);
            case SEMAPHORE, BOUNDED_SEMAPHORE -> {
                int value = (Integer) args.get(0);
                if (value < 0) throw new IllegalArgumentException("semaphore initial value must be >= 0");
                yield kind == SEMAPHORE
                        ? new ManagedObjects.Counter(name, "Semaphore", value, Integer.MAX_VALUE, "")
                        : new ManagedObjects.Counter(name, "BoundedSemaphore", value, value,
                                "Semaphore released too many times");
            }
            case CONDITION -> {
                aux = ids.incrementAndGet();
                var lock = new ManagedObjects.Recursive(objectName(RLOCK, pid, aux));
                objects.put(aux, new Entry(aux, RLOCK, lock.name, lock, 0));
                yield new ManagedObjects.Cond(name, lock);
            }
            case EVENT -> new ManagedObjects.Flag();
            case BARRIER -> {
                int parties = (Integer) args.get(0);
                if (parties < 1) throw new IllegalArgumentException("parties must be >= 1");
                yield new ManagedObjects.Gate(parties);
            }
            case QUEUE -> new ManagedObjects.Items();
            case VALUE -> {
                String typecode = (String) args.get(0);
                Typecodes.check(typecode, args.get(1));
                aux = ids.incrementAndGet();
                String lockName = objectName(RLOCK, pid, aux);
                objects.put(aux, new Entry(aux, RLOCK, lockName, new ManagedObjects.Recursive(lockName), 0));
                yield new ManagedObjects.Cell(typecode, ManagerProtocol.encode(args.get(1)));
            }
            case ARRAY -> {
                String typecode = (String) args.get(0);
                Object[] values = (Object[]) args.get(1);
                for (Object v : values) Typecodes.check(typecode, v);
                yield new ManagedObjects.Slots(typecode, values.clone());
            }
            case DICT, LIST, NAMESPACE -> new ManagedObjects.Collection(kind);
            default -> throw new IllegalArgumentException("unknown kind of object " + kind);
        };
        Entry e = new Entry(id, kind, name, referent, aux);
        objects.put(id, e);
        return e;
    }

    private Entry entry(int id) {
        Entry e = objects.get(id);
        if (e == null) throw new ProcessError("the manager has no object " + id);
        return e;
    }

    private static ManagedObjects.Acquirer acquirer(Entry e, byte op) {
        if (e.referent() instanceof ManagedObjects.Acquirer a) return a;
        throw unsupported(e, op == ACQUIRE ? "acquire" : "release");
    }

    private static ManagedObjects.Cond cond(Entry e, String method) {
        if (e.referent() instanceof ManagedObjects.Cond c) return c;
        throw unsupported(e, method);
    }

    private static ManagedObjects.Flag flag(Entry e, String method) {
        if (e.referent() instanceof ManagedObjects.Flag f) return f;
        throw unsupported(e, method);
    }

    private static ManagedObjects.Gate gate(Entry e, String method) {
        if (e.referent() instanceof ManagedObjects.Gate g) return g;
        throw unsupported(e, method);
    }

    private static ManagedObjects.Items items(Entry e, String method) {
        if (e.referent() instanceof ManagedObjects.Items q) return q;
        throw unsupported(e, method);
    }

    private static UnsupportedOperationException unsupported(Entry e, String method) {
        return new UnsupportedOperationException("'" + kindName(e.kind()) + "' object has no method '" + method + "'");
    }

    public static byte[] bootBytes(byte[] key, boolean tcp, String hostOrBase, int port) {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.DataOutputStream(bytes)) {
            out.writeInt(BOOT_MAGIC);
            out.writeShort(key.length);
            out.write(key);
            out.writeBoolean(tcp);
            out.writeUTF(hostOrBase);
            out.writeInt(port);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Whether a local process runs: it exists and is not a zombie (a killed child not yet reaped). */
    private static boolean isRunning(long pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(pid), "stat"));
            int close = stat.lastIndexOf(')');
            char state = close > 0 && close + 2 < stat.length() ? stat.charAt(close + 2) : '?';
            return state != 'Z' && state != 'X';
        } catch (java.nio.file.NoSuchFileException gone) {
            return false;
        } catch (java.io.IOException | RuntimeException noProc) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }
}
