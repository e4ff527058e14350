package org.mpdemo.multiprocessing.internal.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.mpdemo.multiprocessing.internal.reduction.ByteReader;
import org.mpdemo.multiprocessing.internal.reduction.ByteWriter;
import org.mpdemo.multiprocessing.internal.reduction.Reduction;

/**
 * The manager's wire format after authentication.
 *
 * <p>A request is {@code byte op, int object, arguments}; a reply is {@code byte status, result}. Lock-like calls
 * — the hot path — carry only primitives in a fixed layout ({@code acquire}: a flag and a timeout; the reply: one
 * byte). Values (queue items, dict entries …) travel in {@link Reduction}'s list encoding: compact for numbers and
 * strings, Java serialization behind {@link Reduction#filter()} for anything else. An error reply carries a
 * {@link Failure} envelope, as a pool's task does, so the caller gets the referent's own exception back.
 */
public final class ManagerProtocol {
    // ---- operations ---------------------------------------------------------------------------------------
    public static final byte CREATE = 1;          // kind, encoded args -> id, aux id
    public static final byte ACQUIRE = 2;         // block, timeout -> boolean
    public static final byte RELEASE = 3;
    public static final byte SEM_VALUE = 4;       // -> int
    public static final byte WAIT = 5;            // timeout -> boolean (condition: notified; event: flag)
    public static final byte NOTIFY = 6;          // n -> int woken
    public static final byte AWAIT_WAITERS = 7;   // n, timeout -> boolean
    public static final byte WAITERS = 8;         // -> int
    public static final byte SET = 9;             // event
    public static final byte CLEAR = 10;          // event
    public static final byte IS_SET = 11;         // event -> boolean
    public static final byte BARRIER_WAIT = 12;   // timeout -> int
    public static final byte BARRIER_ABORT = 13;
    public static final byte BARRIER_RESET = 14;
    public static final byte BARRIER_STATE = 15;  // -> parties, waiting, broken
    public static final byte PUT = 16;            // queue: item bytes
    public static final byte GET = 17;            // queue: block, timeout -> item bytes; value: -> bytes
    public static final byte SIZE = 18;           // -> int
    public static final byte VALUE_SET = 19;      // bytes
    public static final byte CALL = 20;           // method, encoded args -> encoded result (collections)
    public static final byte REGISTER = 21;       // (object's id) name
    public static final byte LOOKUP = 22;         // name -> kind, id, aux id
    public static final byte INFO = 23;           // -> pid

    // ---- collection methods (CALL) ------------------------------------------------------------------------
    public static final byte M_GET = 1, M_SET = 2, M_PUT = 3, M_REMOVE = 4, M_CONTAINS = 5, M_SIZE = 6, M_KEYS = 7,
            M_VALUES = 8, M_COPY = 9, M_CLEAR = 10, M_APPEND = 11, M_EXTEND = 12, M_DELETE = 13;

    // ---- replies ------------------------------------------------------------------------------------------
    public static final byte OK = 0;
    public static final byte ERROR = 1;

    // ---- kinds of object ----------------------------------------------------------------------------------
    public static final byte LOCK = 1, RLOCK = 2, SEMAPHORE = 3, BOUNDED_SEMAPHORE = 4, CONDITION = 5, EVENT = 6,
            BARRIER = 7, QUEUE = 8, VALUE = 9, ARRAY = 10, DICT = 11, LIST = 12, NAMESPACE = 13;

    private static final List<String> KIND_NAMES = List.of("?", "Lock", "RLock", "Semaphore", "BoundedSemaphore",
            "Condition", "Event", "Barrier", "Queue", "Value", "Array", "dict", "list", "Namespace");

    private ManagerProtocol() {
    }

    /** CPython's typeid: {@code Lock}, {@code Semaphore}, {@code dict} … */
    public static String kindName(byte kind) {
        return kind > 0 && kind < KIND_NAMES.size() ? KIND_NAMES.get(kind) : "kind " + kind;
    }

    /** The object's name in traces and messages, unique across processes: {@code lock-4242-1}. */
    public static String objectName(byte kind, long serverPid, int id) {
        return new StringBuilder(kindName(kind).toLowerCase()).append('-').append(serverPid).append('-').append(id)
                .toString();
    }

    // ---- encoding helpers ---------------------------------------------------------------------------------

    /** A name, for {@code REGISTER} and {@code LOOKUP}: {@link #decodeName} reads it. */
    public static byte[] encodeName(String name) {
        return new ByteWriter(4 + 3 * name.length()).writeString(name).toByteArray();
    }

    public static String decodeName(ByteBuffer b) throws IOException {
        return new ByteReader(rest(b)).readString();
    }

    /** The rest of the frame. */
    public static byte[] rest(ByteBuffer b) {
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return bytes;
    }

    /** One value in {@link Reduction}'s list encoding. */
    public static byte[] encode(Object value) {
        return Reduction.encodeList(java.util.Collections.singletonList(value));
    }

    public static Object decode(byte[] bytes) {
        List<Object> values = Reduction.decodeList(bytes);
        if (values.size() != 1) throw new IllegalArgumentException("expected one value, got " + values.size());
        return values.get(0);
    }
}
