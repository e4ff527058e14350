package org.mpdemo.multiprocessing.managers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mpdemo.multiprocessing.Process;
import org.mpdemo.multiprocessing.Task;
import org.mpdemo.multiprocessing.errors.AuthenticationError;
import org.mpdemo.multiprocessing.errors.ProcessError;
import org.mpdemo.multiprocessing.internal.launch.ChildHandle;
import org.mpdemo.multiprocessing.internal.launch.Spawner;
import org.mpdemo.multiprocessing.internal.reduction.Invoker;
import org.mpdemo.multiprocessing.internal.reduction.Reduction;
import org.mpdemo.multiprocessing.internal.server.Listener;
import org.mpdemo.multiprocessing.internal.server.ServerBoot;
import org.mpdemo.multiprocessing.internal.server.ServerMain;
import org.mpdemo.multiprocessing.internal.wire.AuthKey;
import org.mpdemo.multiprocessing.internal.wire.Boot;
import org.mpdemo.multiprocessing.internal.wire.Challenge;
import org.mpdemo.multiprocessing.internal.wire.Connection;
import org.mpdemo.multiprocessing.internal.wire.ManagerChannel;
import org.mpdemo.multiprocessing.internal.wire.ManagerProtocol;
import org.mpdemo.multiprocessing.internal.wire.Typecodes;
import org.mpdemo.multiprocessing.trace.Trace;
import org.mpdemo.multiprocessing.trace.TraceEvent;

/**
 * A server process holding objects that other processes use through proxies (CPython's
 * {@code multiprocessing.Manager()}, a {@code SyncManager}): {@code try (var manager = new Manager()) { … }} is
 * Python's {@code with Manager() as manager:}.
 *
 * <p>The manager is a JVM of its own. It listens on a Unix-domain socket in a private directory (mode 0700) under
 * {@code java.io.tmpdir}, or on a TCP address when asked ({@link #builder()}), and serves every connection on a
 * thread of its own. Every connection proves, in both directions, that it holds the authkey — HMAC-SHA256
 * challenge–response, before anything is deserialized — and a wrong key gets an {@link AuthenticationError}. The
 * default authkey is the process's own, which every child process inherits, so proxies work in pool workers and
 * in {@link Process}es without further ado.
 *
 * <p>The manager process stops when {@link #shutdown()} or {@link #close()} is called, or when this process dies
 * (it watches its standard input, as every child does). After that every proxy of it fails at once with one
 * {@link ProcessError} naming the manager's pid.
 */
public final class Manager implements AutoCloseable {
    private static final AtomicBoolean WARM = new AtomicBoolean();
    /** The server's target in its child JVM; it travels by name. */
    private static final Invoker SERVE = Invoker.of((Task.Run1<byte[]>) ServerMain::serve);

    /** The server, a child of this process; null (both) for a manager reached with connect(). */
    private final ChildHandle child;
    private final java.lang.Process process;
    private final ManagerAddress address;
    private final long pid;
    private final byte[] authkey; // null: the process's authkey
    private final ManagerClient.Endpoint endpoint;
    private final AtomicBoolean shutdown = new AtomicBoolean();

    /** Starts a manager process listening on a private Unix-domain socket, with this process's authkey. */
    public Manager() {
        this((SocketAddress) null, null);
    }

    private Manager(SocketAddress listen, byte[] key) {
        byte[] serverKey = key != null ? key : AuthKey.processKey();
        boolean tcp = listen != null;
        if (tcp && !(listen instanceof InetSocketAddress)) {
            throw new IllegalArgumentException("a manager listens on a Unix-domain socket or a TCP address, not "
                    + listen);
        }
        ServerBoot boot;
        if (tcp) {
            InetSocketAddress inet = (InetSocketAddress) listen;
            String host = inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
            boot = new ServerBoot(serverKey, true, host, inet.getPort());
        } else {
            boot = new ServerBoot(serverKey, false, tmpdir().toString(), 0);
        }
        // the server is a child like any other: the generic child main runs ServerMain.serve(boot)
        Answer answer = new Answer();
        ChildHandle child = ChildHandle.spawn(Spawner.MANAGER_FLAGS, "manager-reader", answer);
        Thread warm = warmUp(tcp);
        child.boot(new Boot("SyncManager", SERVE, new Object[] {boot.encode()}, null, null).serialize());
        // While the server's JVM starts, remove the directories of managers that were killed.
        if (!tcp) Listener.sweepStale(tmpdir());
        String ready = answer.await();
        if (ready == null || !ready.startsWith("READY ")) {
            child.process().destroyForcibly();
            int exit = child.awaitExit(5, TimeUnit.SECONDS);
            // killed, it could not remove its socket's directory if it made one: its parent does
            if (!tcp) Listener.sweepStale(tmpdir());
            String status = ready != null ? ready.substring(ready.indexOf(' ') + 1) : Spawner.describeExit(exit);
            throw new ProcessError("the manager process failed to start: " + status);
        }
        String[] words = ready.split(" ");
        this.child = child;
        this.process = child.process();
        this.pid = Long.parseLong(words[1]);
        this.address = words[2].equals("unix") ? new ManagerAddress(words[3], null, 0)
                : new ManagerAddress(null, words[3], Integer.parseInt(words[4]));
        this.authkey = key;
        this.endpoint = ManagerClient.endpoint(address, pid, key);
        process.onExit().thenRun(this::serverExited);
        Trace.event(TraceEvent.MANAGER, "server", pid, "address", address.toString());
        try {
            if (warm.isAlive()) warm.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path tmpdir() {
        return Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
    }

    private Manager(ManagerAddress address, byte[] key) {
        this.child = null;
        this.process = null;
        this.address = address;
        this.authkey = key;
        this.pid = ManagerClient.probe(address, key);
        this.endpoint = ManagerClient.endpoint(address, pid, key);
    }

    /**
     * Loads what the first connection needs — socket and hash classes, the crypto provider — on another thread
     * while the manager JVM boots, so that the first call does not pay for it afterwards.
     */
    private static Thread warmUp(boolean tcp) {
        if (!WARM.compareAndSet(false, true)) return new Thread(() -> { });
        Thread t = new Thread(() -> {
            try {
                SocketChannel.open(tcp ? StandardProtocolFamily.INET : StandardProtocolFamily.UNIX).close();
            } catch (IOException | RuntimeException ignored) {
                // only a warm-up
            }
            AuthKey.hmac(new byte[32], Challenge.CHALLENGE);
        }, "manager-warm-up");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Configures a manager: {@code Manager.builder().address(new InetSocketAddress("127.0.0.1", 0)).start()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Python's {@code SyncManager(address, authkey)}. */
    public static final class Builder {
        private SocketAddress address;
        private byte[] authkey;

        private Builder() {
        }

        /** Listen on this TCP address (port 0: any free port) instead of a private Unix-domain socket. */
        public Builder address(SocketAddress address) {
            this.address = address;
            return this;
        }

        /** Use this authkey (16 to 1024 bytes) instead of the process's own. */
        public Builder authkey(byte[] authkey) {
            this.authkey = AuthKey.checked(authkey);
            return this;
        }

        public Manager start() {
            return new Manager(address, authkey);
        }
    }

    /**
     * Connects to a manager another program started (CPython's {@code BaseManager(address, authkey).connect()}):
     * its objects can be created here, or found by the names it {@linkplain #register registered} them under.
     * Fails at once with {@link AuthenticationError} if the keys differ. Closing the result does not stop the
     * manager.
     */
    public static Manager connect(SocketAddress address, byte[] authkey) {
        return new Manager(ManagerAddress.of(address), AuthKey.checked(authkey));
    }

    /** Where the manager listens: a {@link java.net.UnixDomainSocketAddress} or an {@link InetSocketAddress}. */
    public SocketAddress address() {
        return address.socketAddress();
    }

    /** The manager process's pid. */
    public long pid() {
        return pid;
    }

    // ---- factories ----------------------------------------------------------------------------------------

    public LockProxy lock() {
        return (LockProxy) create(ManagerProtocol.LOCK);
    }

    public LockProxy rLock() {
        return (LockProxy) create(ManagerProtocol.RLOCK);
    }

    /** A semaphore of value 1. */
    public SemaphoreProxy semaphore() {
        return semaphore(1);
    }

    public SemaphoreProxy semaphore(int value) {
        checkSemaphore(value);
        return (SemaphoreProxy) create(ManagerProtocol.SEMAPHORE, value);
    }

    public SemaphoreProxy boundedSemaphore(int value) {
        checkSemaphore(value);
        return (SemaphoreProxy) create(ManagerProtocol.BOUNDED_SEMAPHORE, value);
    }

    private static void checkSemaphore(int value) {
        if (value < 0) throw new IllegalArgumentException("semaphore initial value must be >= 0");
    }

    /** A condition over a new RLock. */
    public ConditionProxy condition() {
        return (ConditionProxy) create(ManagerProtocol.CONDITION);
    }

    public EventProxy event() {
        return (EventProxy) create(ManagerProtocol.EVENT);
    }

    public BarrierProxy barrier(int parties) {
        if (parties < 1) throw new IllegalArgumentException("parties must be >= 1");
        return (BarrierProxy) create(ManagerProtocol.BARRIER, parties);
    }

    @SuppressWarnings("unchecked")
    public <T> QueueProxy<T> queue() {
        return (QueueProxy<T>) create(ManagerProtocol.QUEUE);
    }

    /**
     * A shared value of one of the {@code array} module's typecodes: {@code b B h H i} hold {@link Integer},
     * {@code I l L q Q} {@link Long}, {@code f d} {@link Double}, {@code u} a one-character {@link String}.
     */
    @SuppressWarnings("unchecked")
    public <T> ValueProxy<T> value(String typecode, T value) {
        Typecodes.check(typecode, value);
        return (ValueProxy<T>) create(ManagerProtocol.VALUE, typecode, value);
    }

    /** A shared array of one typecode (see {@link #value}). */
    @SuppressWarnings("unchecked")
    public <T> ArrayProxy<T> array(String typecode, List<T> values) {
        for (T v : values) Typecodes.check(typecode, v);
        Typecodes.javaType(typecode);
        return (ArrayProxy<T>) create(ManagerProtocol.ARRAY, typecode, values.toArray());
    }

    @SuppressWarnings("unchecked")
    public <K, V> DictProxy<K, V> dict() {
        return (DictProxy<K, V>) create(ManagerProtocol.DICT);
    }

    @SuppressWarnings("unchecked")
    public <T> ListProxy<T> list() {
        return (ListProxy<T>) create(ManagerProtocol.LIST);
    }

    public NamespaceProxy namespace() {
        return (NamespaceProxy) create(ManagerProtocol.NAMESPACE);
    }

    private ManagerProxy create(byte kind, Object... args) {
        String what = "this manager (creating a " + ManagerProtocol.kindName(kind) + ")";
        checkOpen(what);
        byte[] encoded = Reduction.encodeList(Arrays.asList(args));
        ManagerChannel channel = endpoint.begin(what, ManagerProtocol.CREATE, 0);
        channel.ensure(1).put(kind);
        channel.put(encoded);
        ByteBuffer reply = endpoint.call(what);
        int id = reply.getInt();
        int aux = reply.getInt();
        return ManagerProxy.of(new ManagerProxy.Ref(address, pid, kind, id, aux, authkey));
    }

    // ---- names ----------------------------------------------------------------------------------------------

    /** Makes {@code proxy}'s object findable by {@code name} from any client of this manager ({@link #get}). */
    public void register(String name, ManagerProxy proxy) {
        String what = "this manager (registering '" + name + "')";
        checkOpen(what);
        ManagerChannel channel = endpoint.begin(what, ManagerProtocol.REGISTER, proxy.id);
        channel.put(ManagerProtocol.encodeName(name));
        endpoint.call(what);
    }

    /** The proxy of the object registered under {@code name}; {@link java.util.NoSuchElementException} if none. */
    @SuppressWarnings("unchecked")
    public <P extends ManagerProxy> P get(String name) {
        String what = "this manager (looking up '" + name + "')";
        checkOpen(what);
        ManagerChannel channel = endpoint.begin(what, ManagerProtocol.LOOKUP, 0);
        channel.put(ManagerProtocol.encodeName(name));
        ByteBuffer reply = endpoint.call(what);
        byte kind = reply.get();
        int id = reply.getInt();
        int aux = reply.getInt();
        return (P) ManagerProxy.of(new ManagerProxy.Ref(address, pid, kind, id, aux, authkey));
    }

    // ---- lifetime ---------------------------------------------------------------------------------------------

    private void checkOpen(String what) {
        if (shutdown.get()) {
            throw new ProcessError("the manager process (pid " + pid + ") is gone; " + what + " cannot be used");
        }
    }

    /**
     * Stops the manager process and waits for it to exit; every proxy of it fails from then on. Idempotent. For
     * a manager reached with {@link #connect}, only forgets it: the manager goes on serving its other clients.
     */
    public void shutdown() {
        if (!shutdown.compareAndSet(false, true) || process == null) return;
        endpoint.markGone();
        child.connection().closeOutput(); // end of file: the server removes its directory and exits
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        removeDirectory();
    }

    /** Python's leaving {@code with Manager() as manager:}: {@link #shutdown()}. */
    @Override
    public void close() {
        shutdown();
    }

    /** The manager process ended — shut down, or killed: fail its proxies here, and clean up after it. */
    private void serverExited() {
        endpoint.markGone();
        removeDirectory();
    }

    private void removeDirectory() {
        if (address.unix()) Listener.removeManagerDirectory(Path.of(address.path()).getParent());
    }

    /** The server's READY line (or {@code ERROR …}), or null if it exited without one. */
    private static final class Answer implements ChildHandle.Listener {
        private final CountDownLatch answered = new CountDownLatch(1);
        private volatile String line;

        @Override
        public void onFrame(Connection.Frame frame) throws IOException {
            if (frame.type() != Connection.READY || line != null) {
                throw new IOException("unexpected frame type " + frame.type() + " from the manager's server");
            }
            line = new String(frame.payload(), StandardCharsets.US_ASCII);
            answered.countDown();
        }

        @Override
        public void onClosed() {
            answered.countDown();
        }

        String await() {
            try {
                answered.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return line;
        }
    }

    @Override
    public String toString() {
        return "<Manager pid " + pid + " at " + address + (shutdown.get() ? ", shut down" : "") + ">";
    }
}
