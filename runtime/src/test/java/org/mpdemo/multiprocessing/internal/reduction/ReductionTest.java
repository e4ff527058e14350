package org.mpdemo.multiprocessing.internal.reduction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mpdemo.multiprocessing.Args;
import org.mpdemo.multiprocessing.errors.ProcessError;
import org.mpdemo.multiprocessing.errors.SharingError;
import org.mpdemo.multiprocessing.shared.BoundedSemaphore;
import org.mpdemo.multiprocessing.shared.Condition;
import org.mpdemo.multiprocessing.shared.Event;
import org.mpdemo.multiprocessing.shared.Lock;
import org.mpdemo.multiprocessing.shared.RLock;
import org.mpdemo.multiprocessing.shared.Semaphore;

class ReductionTest {

    @Test
    void plainValuesRoundTripCompactly() {
        List<Object> values = Arrays.asList(1, 2L, 3.5, "héllo", true, false, null,
                new Object[] {1, "a"}, Args.args(1, 2.0), Args.args("a", 1, null));
        List<Object> back = Reduction.decodeList(Reduction.encodeList(values));
        assertEquals(values.subList(0, 7), back.subList(0, 7));
        assertArrayEquals((Object[]) values.get(7), (Object[]) back.get(7));
        assertEquals(values.subList(8, 10), back.subList(8, 10));
        // five ints: a tag, a count and 5 bytes per value — several times smaller than Java serialization
        assertTrue(Reduction.encodeList(List.of(1, 2, 3, 4, 5)).length < 40);
    }

    @Test
    void byteArraysTravelCompactlyAsTheyAre() {
        byte[] bytes = {0, 1, (byte) 0xff, 42};
        byte[] encoded = Reduction.encodeList(Arrays.asList(bytes, new Object[] {null, bytes}));
        assertTrue(encoded.length < 40, "compact, not Java serialization: " + encoded.length);
        List<Object> back = Reduction.decodeList(encoded);
        assertArrayEquals(bytes, (byte[]) back.get(0));
        assertArrayEquals(bytes, (byte[]) ((Object[]) back.get(1))[1]);
    }

    @Test
    void aFunctionByNameRoundTripsThroughByteWriterAndReader() throws Exception {
        Invoker sent = Invoker.of((org.mpdemo.multiprocessing.Task.Call2<Integer, Integer, Integer>) Math::max);
        Invoker back = Functions.decode(Functions.encode(sent));
        assertEquals(7, back.invoke(new Object[] {3, 7}));
        assertEquals(2, back.arity());
    }

    record Point(int x, int y) implements Serializable {
    }

    @Test
    void otherSerializableValuesUseJavaSerialization() {
        List<Object> values = List.of(new Point(1, 2), "and a string");
        assertEquals(values, Reduction.decodeList(Reduction.encodeList(values)));
    }

    @Test
    void primitivesRefuseToTravelOutsideProcessStart() {
        for (Object primitive : List.of(new Lock(), new RLock(), new Semaphore(2), new BoundedSemaphore(2),
                new Condition(), new Event())) {
            SharingError e = assertThrows(SharingError.class,
                    () -> Reduction.encodeList(List.of(new Object[] {primitive})));
            assertEquals(primitive.getClass().getSimpleName()
                    + " objects should only be shared between processes through inheritance", e.getMessage());
            // at process start they may
            Reduction.spawning(() -> Reduction.serialize(primitive));
        }
    }

    static final class Nest implements Serializable {
        Nest inner;
    }

    /** A class of no allowed package is refused, and the error names it and says how to allow it. */
    @Test
    void onlyAllowedClassesAreRead() {
        byte[] outsider = Reduction.serialize(new com.example.outside.Outsider("x"));
        ProcessError e = assertThrows(ProcessError.class, () -> Reduction.deserialize(outsider));
        assertTrue(e.getMessage().startsWith("refused to deserialize: com.example.outside.Outsider is not allowed to "
                + "travel (the JDK's value types, the runtime's and the program's packages "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; -Dmpdemo.serial.allow=PACKAGE,... adds some)"), e.getMessage());
        // the JDK's values, collections and exceptions, primitive arrays and the runtime's own pass
        List<Object> values = new ArrayList<>(List.of(1, "two", new int[] {3}, java.util.Map.of("k", 4.0),
                new java.math.BigDecimal("5.5"), java.time.Duration.ofSeconds(6), new IllegalStateException("7"),
                new ProcessError("8")));
        List<?> back = (List<?>) Reduction.deserialize(Reduction.serialize(values));
        assertEquals(values.size(), back.size());
        assertEquals("8", ((ProcessError) back.get(7)).getMessage());
        // a class of the program's packages, once they are known, passes too
        Reduction.allowProgram("com.example.outside.Main");
        assertEquals(new com.example.outside.Outsider("x"), Reduction.deserialize(outsider));
    }

    /**
     * Sets nested in sets, two per level sharing their children: a few KB whose rebuilding hashes 2^depth times.
     * Refused at once by its depth, where the old limit of 64 let it pin a core for ever.
     */
    @Test
    @org.junit.jupiter.api.Timeout(10)
    void aGraphOfNestedSetsIsRefusedByItsDepth() {
        java.util.Set<Object> root = new java.util.HashSet<>();
        java.util.Set<Object> s1 = root;
        java.util.Set<Object> s2 = new java.util.HashSet<>();
        for (int i = 0; i < 60; i++) {
            java.util.Set<Object> t1 = new java.util.HashSet<>();
            java.util.Set<Object> t2 = new java.util.HashSet<>();
            t1.add("x");
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        byte[] bytes = Reduction.serialize(root);
        assertTrue(bytes.length < 5_000, bytes.length + " bytes");
        ProcessError e = assertThrows(ProcessError.class, () -> Reduction.deserialize(bytes));
        assertEquals("refused to deserialize: it is nested more than 24 objects deep", e.getMessage());
    }

    @Test
    void deserializationIsBoundedByTheFilter() {
        Nest deep = new Nest();
        Nest cursor = deep;
        for (int i = 0; i < 200; i++) {
            cursor.inner = new Nest();
            cursor = cursor.inner;
        }
        byte[] bytes = Reduction.serialize(deep);
        ProcessError e = assertThrows(ProcessError.class, () -> Reduction.deserialize(bytes));
        assertTrue(e.getMessage().startsWith("refused to deserialize"), e.getMessage());
        assertEquals(List.of(1), new ArrayList<>(List.of(1)));
    }

    @Test
    void corruptCompactDataIsRejectedNotTrusted() {
        byte[] bogus = {1, 0x7f, 0x7f, 0x7f, 0x7f};
        assertThrows(RuntimeException.class, () -> Reduction.decodeList(bogus));
    }
}
