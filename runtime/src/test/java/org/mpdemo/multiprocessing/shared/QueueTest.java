package org.mpdemo.multiprocessing.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mpdemo.multiprocessing.Process;
import org.mpdemo.multiprocessing.errors.SharingError;
import org.mpdemo.multiprocessing.internal.reduction.Reduction;

@Timeout(60)
class QueueTest {

    @Test
    void fifoInOneProcessAndEmptyIsAccurate() {
        Queue<Object> q = new Queue<>();
        assertTrue(q.empty());
        q.put(1);
        q.put("two");
        q.put(List.of(3, 3));
        q.get();
        // CPython's empty() can say True here (its feeder thread has not written yet); ours cannot
        assertFalse(q.empty());
        assertEquals(2, q.qsize());
        assertEquals("two", q.get());
        assertEquals(List.of(3, 3), q.get());
        assertTrue(q.empty());
    }

    @Test
    void emptyAndFullLikeCPython() {
        Queue<Integer> q = new Queue<>(2);
        assertThrows(Queue.Empty.class, q::getNowait);
        assertThrows(Queue.Empty.class, () -> q.get(true, 0.05));
        q.put(1);
        q.put(2);
        assertTrue(q.full());
        assertThrows(Queue.Full.class, () -> q.putNowait(3));
        assertThrows(Queue.Full.class, () -> q.put(3, true, 0.05));
        assertEquals(1, q.get());
        q.putNowait(3);
        assertEquals(List.of(2, 3), List.of(q.get(), q.get()));
    }

    @Test
    void primitivesCannotBePutAndOversizedItemsAreRefused() {
        Queue<Object> q = new Queue<>(0, 256);
        SharingError e = assertThrows(SharingError.class, () -> q.put(new Lock()));
        assertEquals("Lock objects should only be shared between processes through inheritance", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> q.put("x".repeat(1000)));
        assertTrue(q.empty());
        assertThrows(SharingError.class, () -> Reduction.serialize(q));
    }

    @Test
    void wrapsAroundItsRing() {
        Queue<String> q = new Queue<>(0, 100);
        for (int i = 0; i < 200; i++) {
            q.put("item " + i);
            assertEquals("item " + i, q.get());
        }
    }

    static void fill(Queue<String> q) {
        for (int i = 0; ; i++) q.put("item " + i + " " + "x".repeat(90));
    }

    /** Waits until {@code done} holds, looking every millisecond, at most {@code seconds}. */
    static void until(java.util.function.BooleanSupplier done, double seconds, String what) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what);
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // a polling interval, not a wait
        }
    }

    /**
     * A producer killed while it waits for room in the ring: a get takes what is there, and a timed get on the
     * empty queue raises Empty in time. Before the fix, the get that made room waited, holding the queue's lock,
     * for the dead producer to acknowledge its wake-up: it and every later call hung.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"kill", "terminate"})
    void aProducerThatDiesWaitingForRoomHoldsUpNobody(String ending) {
        Queue<String> q = new Queue<>(0, 256);
        Process producer = new Process(QueueTest::fill, q).start();
        until(() -> q.waitingForRoom() == 1, 30, "the producer never waited for room");
        // it gets in line holding the queue's lock, and lets go of it to sleep: once we have had it, it sleeps
        assertTrue(q.lock.acquire(true, 30), "the producer kept the queue's lock");
        q.lock.release();
        if (ending.equals("kill")) producer.kill(); else producer.terminate();
        producer.join(30);
        assertEquals(ending.equals("kill") ? -9 : -15, producer.exitCode(), "ended by its signal");
        List<String> got = new ArrayList<>();
        while (true) {
            try {
                got.add(q.get(true, 0.2));
            } catch (Queue.Empty e) {
                break;
            }
        }
        assertEquals(2, got.size(), "the two items that fitted: " + got);
        assertTrue(got.get(0).startsWith("item 0 ") && got.get(1).startsWith("item 1 "), got.toString());
        q.put("after");
        assertEquals("after", q.get(true, 1));
    }

    static void holdAndDie(Queue<String> q) {
        q.lock.acquire();
        Runtime.getRuntime().halt(0);
    }

    /** A time-out holds even when a process died holding the queue's lock; the item stays where it was. */
    @Test
    void timeoutsHoldWhenTheLockIsLostToADeadProcess() {
        Queue<String> q = new Queue<>(); // unbounded: a put's wait is for the lock alone
        q.put("kept");
        Process p = new Process(QueueTest::holdAndDie, q).start();
        p.join(30);
        assertEquals(0, p.exitCode());
        assertThrows(Queue.Empty.class, () -> q.get(true, 0.2));
        assertEquals(1, q.qsize(), "the item was not lost");
        assertThrows(Queue.Full.class, () -> q.put("more", true, 0.2));
        assertThrows(Queue.Empty.class, () -> q.get(false, -1));
    }

    static void produce(Queue<Integer> q, int sign) {
        for (int i = 1; i <= 500; i++) q.put(sign * i);
    }

    @Test
    void twoProducerProcessesOneConsumerNothingLost() {
        // a small ring, so that producers also wait for room while the consumer drains
        Queue<Integer> q = new Queue<>(0, 512);
        Process p1 = new Process(QueueTest::produce, q, 1).start();
        Process p2 = new Process(QueueTest::produce, q, -1).start();
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < 1000; i++) got.add(q.get(true, 30));
        p1.join();
        p2.join();
        assertEquals(0, p1.exitCode());
        assertEquals(0, p2.exitCode());
        assertTrue(q.empty());
        Set<Integer> distinct = new TreeSet<>(got);
        assertEquals(1000, distinct.size());
        // each producer's items arrive in the order it put them
        List<Integer> positives = got.stream().filter(x -> x > 0).toList();
        List<Integer> sorted = new ArrayList<>(positives);
        sorted.sort(null);
        assertEquals(sorted, positives);
    }
}
