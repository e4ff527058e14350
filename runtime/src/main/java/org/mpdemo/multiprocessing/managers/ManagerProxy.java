package org.mpdemo.multiprocessing.managers;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.mpdemo.multiprocessing.Process;
import org.mpdemo.multiprocessing.errors.ProcessError;
import org.mpdemo.multiprocessing.internal.reduction.Reduction;
import org.mpdemo.multiprocessing.internal.schedule.SwitchPoint;
import org.mpdemo.multiprocessing.internal.wire.AuthKey;
import org.mpdemo.multiprocessing.internal.wire.ManagerChannel;
import org.mpdemo.multiprocessing.internal.wire.ManagerProtocol;
import org.mpdemo.multiprocessing.shared.Lock;
import org.mpdemo.multiprocessing.shared.Semaphore;
import org.mpdemo.multiprocessing.trace.TraceEvent;

/**
 * A reference to an object that lives in a {@link Manager}'s process (CPython's {@code BaseProxy}): every call is
 * sent to the manager and runs there, and the referent's exception comes back as itself.
 *
 * <p>Unlike a {@link Lock} or a {@link Semaphore}, a proxy may travel anywhere — as a pool task's argument, in a
 * result, through a queue — because what travels is only the manager's address and the object's id. In each
 * process a proxy connects lazily, one connection per thread (see {@link Manager} for why), authenticating with
 * the process's authkey, which every child inherits. A proxy of a manager started with an authkey of its own
 * carries that key only when it travels to a process being started (a {@link Process} argument, a pool
 * initializer argument), as CPython's proxies do; elsewhere the receiving process's own key is used.
 *
 * <p>Once its manager is gone, a proxy fails at once with one {@link ProcessError} saying so.
 */
public abstract class ManagerProxy implements Serializable {
    private static final long serialVersionUID = 1L;

    final ManagerAddress address;
    final long managerPid;
    final byte kind;
    final int id;
    final int aux;
    private transient byte[] authkey;
    private transient volatile ManagerClient.Endpoint endpoint;
    private transient volatile String what;

    /** What a proxy is made of. */
    record Ref(ManagerAddress address, long pid, byte kind, int id, int aux, byte[] authkey) {
    }

    ManagerProxy(Ref ref) {
        this.address = ref.address();
        this.managerPid = ref.pid();
        this.kind = ref.kind();
        this.id = ref.id();
        this.aux = ref.aux();
        this.authkey = ref.authkey();
    }

    static ManagerProxy of(Ref ref) {
        return switch (ref.kind()) {
            case ManagerProtocol.LOCK, ManagerProtocol.RLOCK -> new LockProxy(ref);
            case ManagerProtocol.SEMAPHORE, ManagerProtocol.BOUNDED_SEMAPHORE -> new SemaphoreProxy(ref);
            case ManagerProtocol.CONDITION -> new ConditionProxy(ref);
            case ManagerProtocol.EVENT -> new EventProxy(ref);
            case ManagerProtocol.BARRIER -> new BarrierProxy(ref);
            case ManagerProtocol.QUEUE -> new QueueProxy<>(ref);
            case ManagerProtocol.VALUE -> new ValueProxy<>(ref);
            case ManagerProtocol.ARRAY -> new ArrayProxy<>(ref);
            case ManagerProtocol.DICT -> new DictProxy<>(ref);
            case ManagerProtocol.LIST -> new ListProxy<>(ref);
            case ManagerProtocol.NAMESPACE -> new NamespaceProxy(ref);
            default -> throw new ProcessError("unknown kind of managed object " + ref.kind());
        };
    }

    /** The referent's name, unique across processes: the {@code obj} of its trace events ({@code lock-4242-1}). */
    public String name() {
        return ManagerProtocol.objectName(kind, managerPid, id);
    }

    /** CPython's typeid: {@code Lock}, {@code RLock}, {@code Semaphore}, {@code Condition}, {@code dict} … */
    public String typeid() {
        return ManagerProtocol.kindName(kind);
    }

    /** The pid of the manager process that holds the referent. */
    public long managerPid() {
        return managerPid;
    }

    // ---- calls --------------------------------------------------------------------------------------------

    final ManagerClient.Endpoint endpoint() {
        ManagerClient.Endpoint e = endpoint;
        if (e == null) endpoint = e = ManagerClient.endpoint(address, managerPid, authkey);
        return e;
    }

    private String what() {
        String w = what;
        if (w == null) what = w = "proxy for " + typeid() + " " + name();
        return w;
    }

    /** Starts a request on the calling thread's connection; put the arguments into the returned channel. */
    final ManagerChannel begin(byte op) {
        if (SwitchPoint.ACTIVE) SwitchPoint.reached(TraceEvent.PROXY_CALL, typeid() + "-" + managerPid + "-" + id);
        return endpoint().begin(what(), op, id);
    }

    /** Sends it; the reply after its status. */
    final ByteBuffer call() {
        return endpoint().call(what());
    }

    final void callVoid(byte op) {
        begin(op);
        call();
    }

    final boolean callBoolean(byte op) {
        begin(op);
        return call().get() != 0;
    }

    final int callInt(byte op) {
        begin(op);
        return call().getInt();
    }

    /** A collection method: arguments and result in {@link Reduction}'s encoding. */
    final Object invoke(byte method, Object... args) {
        byte[] encoded = Reduction.encodeList(Arrays.asList(args));
        ManagerChannel channel = begin(ManagerProtocol.CALL);
        channel.ensure(1).put(method);
        channel.put(encoded);
        return ManagerProtocol.decode(ManagerProtocol.rest(call()));
    }

    /** A proxy for an object the same manager holds, such as a condition's lock. */
    final ManagerProxy sibling(byte siblingKind, int siblingId) {
        return of(new Ref(address, managerPid, siblingKind, siblingId, 0, authkey));
    }

    // ---- serialization ------------------------------------------------------------------------------------

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        byte[] key = authkey != null && Reduction.isSpawning() ? authkey : null;
        out.writeShort(key == null ? 0 : key.length);
        if (key != null) out.write(key);
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        int n = in.readUnsignedShort();
        if (n > AuthKey.MAX_LENGTH) throw new InvalidObjectException("authkey of " + n + " bytes");
        if (n > 0) authkey = in.readNBytes(n);
        if (address == null || (address.path() == null && address.host() == null)) {
            throw new InvalidObjectException("a proxy without a manager address");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ManagerProxy p && p.id == id && p.managerPid == managerPid && p.address.equals(address);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(managerPid) * 31 + id;
    }

    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + " object, typeid '" + typeid() + "', " + name() + ", manager pid "
                + managerPid + ">";
    }
}
