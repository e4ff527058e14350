package org.mpdemo.multiprocessing.internal.schedule;

import java.nio.charset.StandardCharsets;
import org.mpdemo.multiprocessing.internal.shm.Futex;
import org.mpdemo.multiprocessing.internal.shm.SharedMemory;

/**
 * The segment a schedule is played on: one header and one slot per process of the round, read and written by
 * the {@link Scheduler} in the main process and by each child's {@link SwitchPoint}. The layout is here, with
 * the accessors both sides use, so that it is written down once.
 *
 * <pre>
 * header  0 changes   futex word the scheduler sleeps on; every slot change adds one and wakes it
 *         4 free      1 once the schedule has run out in this round: switch points let everything go
 *         8 round     which round the slots belong to
 * slot    0 pid       long, written by the scheduler when the process starts
 *         8 state     STARTING, AT_POINT, RUNNING, WOULD_BLOCK, WAITING, ENDED
 *        12 grant     how many times the scheduler let it go
 *        16 access    the TraceEvent ordinal of the access it waits to make
 *        20 query     1 while the scheduler asks whether that access could go now without blocking
 *        24 answer    the child's answer: 1 yes, 0 it would block
 *        28 bell      futex word the child sleeps on at a switch point: the scheduler adds one after each
 *                     grant or question, so that neither is missed by a child about to sleep
 *        32 obj       length, then up to 31 bytes: the id of the object it is about to touch
 *        64 where     length, then up to 63 bytes: the program line making the access (File.java:37)
 * </pre>
 */
final class Board {
    static final int MAX_PROCESSES = 16;
    static final int HEADER = 64;
    static final int SLOT = 128;
    static final int SIZE = HEADER + MAX_PROCESSES * SLOT;

    private static final int CHANGES = 0;
    private static final int FREE = 4;
    private static final int ROUND = 8;
    private static final int PID = 0;
    private static final int STATE = 8;
    private static final int GRANT = 12;
    private static final int ACCESS = 16;
    private static final int QUERY = 20;
    private static final int ANSWER = 24;
    private static final int BELL = 28;
    private static final int OBJ = 32;
    private static final int OBJ_BYTES = 31;
    private static final int WHERE = 64;

    /** A slot not in use. */
    static final int EMPTY = 0;
    /** Started: running towards its first switch point. */
    static final int STARTING = 1;
    /** Stopped at a switch point, waiting to be let go. */
    static final int AT_POINT = 2;
    /** Let go: making its access and running on to the next switch point. */
    static final int RUNNING = 3;
    /** At an acquire that cannot succeed now: back at its switch point, waiting for another turn. */
    static final int WOULD_BLOCK = 4;
    /** Asleep on a condition, outside the schedule until notified. */
    static final int WAITING = 5;
    /** Its target returned, or it died. */
    static final int ENDED = 6;

    final SharedMemory memory;

    Board(SharedMemory memory) {
        this.memory = memory;
    }

    private static int slot(int index) {
        return HEADER + index * SLOT;
    }

    // ---- header ---------------------------------------------------------------------------------------------

    int changes() {
        return memory.getIntVolatile(CHANGES);
    }

    /** Tells the scheduler that something changed. */
    void changed() {
        memory.getAndAddInt(CHANGES, 1);
        Futex.wake(memory, CHANGES, 1);
    }

    /** The scheduler's sleep until something changes after {@code seen}. */
    void awaitChange(int seen) {
        for (int round = 0; changes() == seen; round++) Futex.await(memory, CHANGES, seen, Long.MAX_VALUE, round);
    }

    boolean free() {
        return memory.getIntVolatile(FREE) != 0;
    }

    void setFree(boolean free) {
        memory.setIntVolatile(FREE, free ? 1 : 0);
    }

    int round() {
        return memory.getIntVolatile(ROUND);
    }

    void setRound(int round) {
        memory.setIntVolatile(ROUND, round);
    }

    // ---- slots ----------------------------------------------------------------------------------------------

    long pid(int index) {
        return memory.getLongVolatile(slot(index) + PID);
    }

    void setPid(int index, long pid) {
        memory.setLongVolatile(slot(index) + PID, pid);
    }

    int state(int index) {
        return memory.getIntVolatile(slot(index) + STATE);
    }

    void setState(int index, int state) {
        memory.setIntVolatile(slot(index) + STATE, state);
    }

    int grant(int index) {
        return memory.getIntVolatile(slot(index) + GRANT);
    }

    /** Lets the process at {@code index} go from its switch point. */
    void letGo(int index) {
        setState(index, RUNNING);
        memory.getAndAddInt(slot(index) + GRANT, 1);
        ring(index);
    }

    /**
     * The child's sleep at a switch point, until the grant word moves past {@code seen}; meanwhile it answers
     * the scheduler's questions with {@code couldGo}.
     */
    void awaitGrant(int index, int seen, java.util.function.BooleanSupplier couldGo) {
        int at = slot(index);
        for (int round = 0; ; round++) {
            int bell = memory.getIntVolatile(at + BELL); // read first: a ring after it ends the sleep below
            if (memory.getIntVolatile(at + GRANT) != seen) return;
            if (asked(index)) {
                answer(index, couldGo == null || couldGo.getAsBoolean());
                continue;
            }
            Futex.await(memory, at + BELL, bell, Long.MAX_VALUE, round);
        }
    }

    /**
     * The scheduler's question to a stopped process: could its access go now without blocking? The child answers
     * while it stays at its switch point; all the others are stopped, so the answer holds until the next step.
     */
    boolean couldGo(int index) {
        int at = slot(index);
        memory.setIntVolatile(at + QUERY, 1);
        int seen = changes();
        ring(index);
        while (memory.getIntVolatile(at + QUERY) != 0) {
            awaitChange(seen);
            seen = changes();
        }
        return memory.getIntVolatile(at + ANSWER) != 0;
    }

    private void ring(int index) {
        memory.getAndAddInt(slot(index) + BELL, 1);
        Futex.wake(memory, slot(index) + BELL, 1);
    }

    /** The child's side: whether a question waits for it. */
    boolean asked(int index) {
        return memory.getIntVolatile(slot(index) + QUERY) != 0;
    }

    /** The child's side: its answer, then the scheduler is told. */
    void answer(int index, boolean couldGo) {
        memory.setIntVolatile(slot(index) + ANSWER, couldGo ? 1 : 0);
        memory.setIntVolatile(slot(index) + QUERY, 0);
        changed();
    }

    int access(int index) {
        return memory.getIntVolatile(slot(index) + ACCESS);
    }

    String obj(int index) {
        return text(slot(index) + OBJ, OBJ_BYTES);
    }

    String where(int index) {
        return text(slot(index) + WHERE, SLOT - WHERE - 1);
    }

    private String text(int at, int most) {
        int length = Math.min(memory.getBytePlain(at) & 0xff, most);
        byte[] text = new byte[length];
        memory.getBytes(at + 1, text, 0, length);
        return new String(text, StandardCharsets.US_ASCII);
    }

    /** What the process at {@code index} is about to do; written before its state says AT_POINT. */
    void setAccess(int index, int access, String obj, String where) {
        memory.setIntVolatile(slot(index) + ACCESS, access);
        setText(slot(index) + OBJ, OBJ_BYTES, obj);
        setText(slot(index) + WHERE, SLOT - WHERE - 1, where);
    }

    private void setText(int at, int most, String value) {
        byte[] text = value.getBytes(StandardCharsets.US_ASCII);
        int length = Math.min(text.length, most);
        memory.setBytePlain(at, (byte) length);
        memory.putBytes(at + 1, text, 0, length);
    }

    /** The slot of {@code pid} in this round, or -1. */
    int indexOf(long pid) {
        for (int i = 0; i < MAX_PROCESSES; i++) if (pid(i) == pid && state(i) != EMPTY) return i;
        return -1;
    }
}
