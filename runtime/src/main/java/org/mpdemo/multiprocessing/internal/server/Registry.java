package org.mpdemo.multiprocessing.internal.server;

import static org.mpdemo.multiprocessing.internal.wire.ManagerProtocol.*;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.mpdemo.multiprocessing.errors.ProcessError;
import org.mpdemo.multiprocessing.internal.wire.ManagerProtocol;
import org.mpdemo.multiprocessing.internal.wire.Typecodes;

/** The objects a manager holds, by id and by registered name, and the factory that makes each kind's referent. */
final class Registry {
    private final long pid;
    private final Map<Integer, Entry> objects = new ConcurrentHashMap<>();
    private final Map<String, Integer> names = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    /** One shared object: its kind, the referent, and an auxiliary object's id (a condition's or value's lock). */
    record Entry(int id, byte kind, String name, Object referent, int aux) {
    }

    Registry(long pid) {
        this.pid = pid;
    }

    Entry create(byte kind, List<Object> args) {
        int id = ids.incrementAndGet();
        String name = objectName(kind, pid, id);
        int aux = 0;
        Object referent = switch (kind) {
            case LOCK -> new SemaphoreReferent(name, "Lock", 1, 1, "release unlocked lock");
            case RLOCK -> new RLockReferent(name);
            case SEMAPHORE, BOUNDED_SEMAPHORE -> {
                int value = (Integer) args.get(0);
                if (value < 0) throw new IllegalArgumentException("semaphore initial value must be >= 0");
                yield kind == SEMAPHORE
                        ? new SemaphoreReferent(name, "Semaphore", value, Integer.MAX_VALUE, "")
                        : new SemaphoreReferent(name, "BoundedSemaphore", value, value,
                                "Semaphore released too many times");
            }
            case CONDITION -> {
                aux = ids.incrementAndGet();
                yield new ConditionReferent(name, addLock(aux));
            }
            case EVENT -> new EventReferent();
            case BARRIER -> {
                int parties = (Integer) args.get(0);
                if (parties < 1) throw new IllegalArgumentException("parties must be >= 1");
                yield new BarrierReferent(parties);
            }
            case QUEUE -> new QueueReferent();
            case VALUE -> {
                String typecode = (String) args.get(0);
                Typecodes.check(typecode, args.get(1));
                aux = ids.incrementAndGet();
                addLock(aux);
                yield new ValueReferent(typecode, ManagerProtocol.encode(args.get(1)));
            }
            case ARRAY -> {
                String typecode = (String) args.get(0);
                Object[] values = (Object[]) args.get(1);
                for (Object v : values) Typecodes.check(typecode, v);
                yield new ArrayReferent(typecode, values.clone());
            }
            case DICT -> new DictReferent();
            case LIST -> new ListReferent();
            case NAMESPACE -> new NamespaceReferent();
            default -> throw new IllegalArgumentException("unknown kind of object " + kind);
        };
        Entry e = new Entry(id, kind, name, referent, aux);
        objects.put(id, e);
        return e;
    }

    /** The RLock that goes with a condition or a value, under its own id. */
    private RLockReferent addLock(int id) {
        RLockReferent lock = new RLockReferent(objectName(RLOCK, pid, id));
        objects.put(id, new Entry(id, RLOCK, lock.name, lock, 0));
        return lock;
    }

    Entry entry(int id) {
        Entry e = objects.get(id);
        if (e == null) throw new ProcessError("the manager has no object " + id);
        return e;
    }

    void register(String name, int id) {
        names.put(name, entry(id).id());
    }

    Entry lookup(String name) {
        Integer found = names.get(name);
        if (found == null) throw new NoSuchElementException("no object registered as '" + name + "'");
        return objects.get(found);
    }
}
