package org.mpdemo.multiprocessing.internal.server;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.mpdemo.multiprocessing.errors.ProcessError;
import org.mpdemo.multiprocessing.internal.wire.ManagerProtocol;
import org.mpdemo.multiprocessing.internal.wire.Typecodes;
import org.mpdemo.multiprocessing.shared.Condition;
import org.mpdemo.multiprocessing.trace.Trace;
import org.mpdemo.multiprocessing.trace.TraceEvent;

/**
 * The objects a manager holds for its clients (CPython's referents), each used by the server thread that serves
 * one client connection. Errors carry the messages of CPython's {@code threading} and {@code queue} objects —
 * the referents of CPython's manager proxies — as the runtime's exception types ({@code RuntimeError} is
 * {@link IllegalStateException}, {@code ValueError} {@link IllegalArgumentException}).
 *
 * <p>Lock-like objects write the runtime's trace events as {@code SemLock} does: {@code acquire} after acquiring
 * and {@code release} before releasing, with a stable {@code obj} name and the {@code kind}, so that a sweep over
 * the trace counts holders exactly.
 */
public final class ManagedObjects {
    private ManagedObjects() {
    }

    /**
     * Whether this process traces, decided as {@link Trace#file()} does but without initializing {@link Trace}
     * (whose pid lookup starts ProcessHandle's thread pool): a manager that does not trace starts faster, and
     * its hot path skips building the events' arguments.
     */
    public static final boolean TRACING = tracing();

    private static boolean tracing() {
        String file = System.getProperty("mpdemo.trace");
        if (file == null || file.isEmpty()) file = System.getenv("MPDEMO_TRACE");
        return file != null && !file.isEmpty();
    }

    private static long nanos(boolean block, double timeout) {
        return !block ? 0 : timeout < 0 ? -1 : (long) (timeout * 1e9);
    }

    /** Something a client may hold: an undelivered acquire is undone with {@link #release}. */
    public interface Acquirer {
        boolean acquire(boolean block, double timeout);

        void release();
    }

    /** Lock, Semaphore and BoundedSemaphore: a counter; any thread may release. */
    public static final class Counter implements Acquirer {
        private final String name;
        private final String kind;
        private final int max;
        private final String tooMany;
        private int value;

        Counter(String name, String kind, int value, int max, String tooMany) {
            this.name = name;
            this.kind = kind;
            this.value = value;
            this.max = max;
            this.tooMany = tooMany;
        }

        @Override
        public boolean acquire(boolean block, double timeout) {
            long nanos = nanos(block, timeout);
            synchronized (this) {
                if (value == 0) {
                    if (nanos == 0) return false;
                    long deadline = System.nanoTime() + nanos;
                    while (value == 0) {
                        if (nanos < 0) {
                            waitUninterruptibly(this, 0);
                        } else {
                            long left = deadline - System.nanoTime();
                            if (left <= 0) return false;
                            waitUninterruptibly(this, left);
                        }
                    }
                }
                value--;
            }
            if (TRACING) Trace.event(TraceEvent.ACQUIRE, "obj", name, "kind", kind);
            return true;
        }

        @Override
        public synchronized void release() {
            if (value >= max) throw new IllegalStateException(tooMany);
            if (TRACING) Trace.event(TraceEvent.RELEASE, "obj", name, "kind", kind);
            value++;
            notify();
        }

        synchronized int value() {
            return value;
        }
    }

    /** RLock: owned by the server thread of one client connection, re-entrant. */
    public static final class Recursive implements Acquirer {
        final String name;
        final ReentrantLock lock = new ReentrantLock();

        Recursive(String name) {
            this.name = name;
        }

        @Override
        public boolean acquire(boolean block, double timeout) {
            boolean first = !lock.isHeldByCurrentThread();
            boolean acquired;
            long nanos = nanos(block, timeout);
            if (nanos == 0) {
                acquired = lock.tryLock();
            } else if (nanos < 0) {
                lock.lock();
                acquired = true;
            } else {
                try {
                    acquired = lock.tryLock(nanos, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    throw new ProcessError("interrupted");
                }
            }
            if (TRACING && acquired && first) Trace.event(TraceEvent.ACQUIRE, "obj", name, "kind", "RLock");
            return acquired;
        }

        @Override
        public void release() {
            if (!lock.isHeldByCurrentThread()) throw new IllegalStateException("cannot release un-acquired lock");
            if (TRACING && lock.getHoldCount() == 1) Trace.event(TraceEvent.RELEASE, "obj", name, "kind", "RLock");
            lock.unlock();
        }
    }

    /**
     * A condition over an RLock, with threading.Condition's semantics: each waiter waits on its own signal, so
     * {@code notify(n)} wakes exactly {@code n} of those already waiting, oldest first, and a notify with nobody
     * waiting is lost. The number of waiters is observable ({@link #awaitWaiters}).
     */
    public static final class Cond implements Acquirer {
        final String name;
        final Recursive lock;
        private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
        private final Object count = new Object();
        private int waiting;

        private static final class Waiter {
            final java.util.concurrent.locks.Condition signal;
            boolean notified;

            Waiter(java.util.concurrent.locks.Condition signal) {
                this.signal = signal;
            }
        }

        Cond(String name, Recursive lock) {
            this.name = name;
            this.lock = lock;
        }

        @Override
        public boolean acquire(boolean block, double timeout) {
            return lock.acquire(block, timeout);
        }

        @Override
        public void release() {
            lock.release();
        }

        boolean await(double timeout) {
            if (!lock.lock.isHeldByCurrentThread()) {
                throw new IllegalStateException("cannot wait on un-acquired lock");
            }
            Waiter me = new Waiter(lock.lock.newCondition());
            waiters.addLast(me);
            publishCount();
            if (TRACING) Trace.event(TraceEvent.WAIT, "obj", name);
            if (TRACING) Trace.event(TraceEvent.RELEASE, "obj", lock.name, "kind", "RLock");
            boolean forever = timeout < 0;
            long nanos = forever ? 0 : (long) (timeout * 1e9);
            try {
                while (!me.notified) {
                    if (forever) {
                        me.signal.awaitUninterruptibly();
                    } else {
                        if (nanos <= 0) break;
                        nanos = me.signal.awaitNanos(nanos);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                if (!me.notified) {
                    waiters.remove(me);
                    publishCount();
                }
            }
            if (TRACING) Trace.event(TraceEvent.ACQUIRE, "obj", lock.name, "kind", "RLock");
            if (TRACING) Trace.event(TraceEvent.WAKE, "obj", name, "signalled", me.notified);
            return me.notified;
        }

        int notify(int n) {
            if (!lock.lock.isHeldByCurrentThread()) {
                throw new IllegalStateException("cannot notify on un-acquired lock");
            }
            int woken = 0;
            while (woken < n && !waiters.isEmpty()) {
                Waiter w = waiters.pollFirst();
                w.notified = true;
                w.signal.signal();
                woken++;
            }
            if (woken > 0) publishCount();
            if (TRACING) Trace.event(TraceEvent.NOTIFY, "obj", name, "woken", woken);
            return woken;
        }

        /** Called with the lock held. */
        private void publishCount() {
            synchronized (count) {
                waiting = waiters.size();
                count.notifyAll();
            }
        }

        int waiters() {
            synchronized (count) {
                return waiting;
            }
        }

        /** Waits until at least {@code n} threads wait on the condition; {@code false} on timeout. */
        boolean awaitWaiters(int n, double timeout) {
            long deadline = System.nanoTime() + (long) (timeout * 1e9);
            synchronized (count) {
                while (waiting < n) {
                    if (timeout < 0) {
                        waitUninterruptibly(count, 0);
                    } else {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) return false;
                        waitUninterruptibly(count, left);
                    }
                }
                return true;
            }
        }
    }

    /** threading.Event. */
    public static final class Flag {
        private boolean set;

        synchronized void set() {
            set = true;
            notifyAll();
        }

        synchronized void clear() {
            set = false;
        }

        synchronized boolean isSet() {
            return set;
        }

        synchronized boolean await(double timeout) {
            long deadline = System.nanoTime() + (long) (timeout * 1e9);
            while (!set) {
                if (timeout < 0) {
                    waitUninterruptibly(this, 0);
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) break;
                    waitUninterruptibly(this, left);
                }
            }
            return set;
        }
    }

    /**
     * threading.Barrier: {@code wait} returns 0 for the first to arrive; a timeout breaks the barrier, and so does
     * {@code abort}, until {@code reset}.
     */
    public static final class Gate {
        final CyclicBarrier barrier;
        private volatile boolean aborted;

        Gate(int parties) {
            barrier = new CyclicBarrier(parties);
        }

        int await(double timeout) throws BrokenBarrierException {
            if (aborted) throw new BrokenBarrierException();
            int arrival;
            try {
                arrival = timeout < 0 ? barrier.await() : barrier.await((long) (timeout * 1e9), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw new BrokenBarrierException();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BrokenBarrierException();
            }
            return barrier.getParties() - 1 - arrival;
        }

        void abort() {
            aborted = true;
            barrier.reset(); // those waiting get BrokenBarrierException
        }

        void reset() {
            aborted = false;
            barrier.reset();
        }

        boolean isBroken() {
            return aborted || barrier.isBroken();
        }
    }

    /** queue.Queue of encoded items: the manager never deserializes what passes through a queue. */
    public static final class Items {
        final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();

        byte[] get(boolean block, double timeout) {
            byte[] item;
            try {
                item = !block ? queue.poll() : timeout < 0 ? queue.take()
                        : queue.poll((long) (timeout * 1e9), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                item = null;
            }
            if (item == null) throw new NoSuchElementException("queue is empty");
            return item;
        }
    }

    /** A Value: the typecode and the encoded value, checked against the typecode when it is set. */
    public static final class Cell {
        final String typecode;
        volatile byte[] value;

        Cell(String typecode, byte[] value) {
            this.typecode = typecode;
            this.value = value;
        }
    }

    /** A shared array of plain values. */
    public static final class Slots {
        final String typecode;
        final Object[] values;

        Slots(String typecode, Object[] values) {
            this.typecode = typecode;
            this.values = values;
        }

        synchronized Object call(byte method, List<Object> args) {
            switch (method) {
                case ManagerProtocol.M_GET: return values[index(args.get(0))];
                case ManagerProtocol.M_SET: {
                    Object v = args.get(1);
                    Typecodes.check(typecode, v);
                    values[index(args.get(0))] = v;
                    return null;
                }
                case ManagerProtocol.M_SIZE: return values.length;
                case ManagerProtocol.M_COPY: return values.clone();
                default: throw unsupported("Array", method);
            }
        }

        private int index(Object i) {
            int n = (Integer) i;
            if (n < 0) n += values.length;
            if (n < 0 || n >= values.length) throw new IndexOutOfBoundsException("array index out of range");
            return n;
        }
    }

    /** dict, list and Namespace, with Python's error messages. */
    public static final class Collection {
        final byte kind;
        final Map<Object, Object> map;
        final List<Object> list;

        Collection(byte kind) {
            this.kind = kind;
            this.map = kind == ManagerProtocol.LIST ? null : new LinkedHashMap<>();
            this.list = kind == ManagerProtocol.LIST ? new ArrayList<>() : null;
        }

        synchronized Object call(byte method, List<Object> args) {
            if (kind == ManagerProtocol.LIST) return listCall(method, args);
            boolean namespace = kind == ManagerProtocol.NAMESPACE;
            switch (method) {
                case ManagerProtocol.M_GET: {
                    Object key = args.get(0);
                    if (namespace && !map.containsKey(key)) throw noAttribute(key);
                    return map.get(key);
                }
                case ManagerProtocol.M_PUT: return map.put(args.get(0), args.get(1));
                case ManagerProtocol.M_REMOVE: {
                    Object key = args.get(0);
                    if (namespace && !map.containsKey(key)) throw noAttribute(key);
                    return map.remove(key);
                }
                case ManagerProtocol.M_CONTAINS: return map.containsKey(args.get(0));
                case ManagerProtocol.M_SIZE: return map.size();
                case ManagerProtocol.M_KEYS: return new ArrayList<>(map.keySet());
                case ManagerProtocol.M_VALUES: return new ArrayList<>(map.values());
                case ManagerProtocol.M_COPY: return new LinkedHashMap<>(map);
                case ManagerProtocol.M_CLEAR: map.clear(); return null;
                default: throw unsupported(ManagerProtocol.kindName(kind), method);
            }
        }

        private Object listCall(byte method, List<Object> args) {
            switch (method) {
                case ManagerProtocol.M_GET: return list.get(index(args.get(0)));
                case ManagerProtocol.M_SET: return list.set(index(args.get(0)), args.get(1));
                case ManagerProtocol.M_APPEND: list.add(args.get(0)); return null;
                case ManagerProtocol.M_EXTEND: {
                    list.addAll((List<?>) args.get(0));
                    return null;
                }
                case ManagerProtocol.M_DELETE: return list.remove(index(args.get(0)));
                case ManagerProtocol.M_CONTAINS: return list.contains(args.get(0));
                case ManagerProtocol.M_SIZE: return list.size();
                case ManagerProtocol.M_COPY: return new ArrayList<>(list);
                case ManagerProtocol.M_CLEAR: list.clear(); return null;
                default: throw unsupported("list", method);
            }
        }

        private int index(Object i) {
            int n = (Integer) i;
            if (n < 0) n += list.size();
            if (n < 0 || n >= list.size()) throw new IndexOutOfBoundsException("list index out of range");
            return n;
        }

        private static NoSuchElementException noAttribute(Object name) {
            return new NoSuchElementException("'Namespace' object has no attribute '" + name + "'");
        }
    }

    private static UnsupportedOperationException unsupported(String type, byte method) {
        return new UnsupportedOperationException("'" + type + "' does not support method " + method);
    }

    public static void waitUninterruptibly(Object monitor, long nanos) {
        try {
            if (nanos <= 0) monitor.wait();
            else monitor.wait(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
