package org.mpdemo.multiprocessing.internal.wire;

import org.mpdemo.multiprocessing.shared.Array;
import org.mpdemo.multiprocessing.shared.Value;

/**
 * The {@code array} module's typecodes for a manager's {@code Value} and {@code Array}, and the Java type each
 * holds: {@code b B h H i} → {@link Integer}, {@code I l L q Q} → {@link Long}, {@code f d} → {@link Double},
 * {@code u} → a one-character {@link String}.
 */
public final class Typecodes {
    public static final String BAD_TYPECODE = "bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)";

    private Typecodes() {
    }

    public static Class<?> javaType(String typecode) {
        if (typecode == null || typecode.length() != 1) throw new IllegalArgumentException(BAD_TYPECODE);
        return switch (typecode.charAt(0)) {
            case 'b', 'B', 'h', 'H', 'i' -> Integer.class;
            case 'I', 'l', 'L', 'q', 'Q' -> Long.class;
            case 'f', 'd' -> Double.class;
            case 'u' -> String.class;
            default -> throw new IllegalArgumentException(BAD_TYPECODE);
        };
    }

    /** Fails as CPython's {@code array} does when {@code value} cannot be stored under {@code typecode}. */
    public static void check(String typecode, Object value) {
        Class<?> type = javaType(typecode);
        if (value == null || value.getClass() != type) {
            throw new IllegalArgumentException("typecode '" + typecode + "' holds " + type.getSimpleName()
                    + " values, not " + (value == null ? "null" : value.getClass().getSimpleName()));
        }
        long min;
        long max;
        switch (typecode.charAt(0)) {
            case 'b' -> { min = Byte.MIN_VALUE; max = Byte.MAX_VALUE; }
            case 'B' -> { min = 0; max = 255; }
            case 'h' -> { min = Short.MIN_VALUE; max = Short.MAX_VALUE; }
            case 'H' -> { min = 0; max = 65535; }
            case 'I' -> { min = 0; max = 0xFFFF_FFFFL; }
            case 'L', 'Q' -> { min = 0; max = Long.MAX_VALUE; }
            case 'u' -> {
                if (((String) value).length() != 1) {
                    throw new IllegalArgumentException("array item must be unicode character");
                }
                return;
            }
            default -> {
                return;
            }
        }
        long v = ((Number) value).longValue();
        if (v < min || v > max) {
            throw new IllegalArgumentException("value " + v + " out of range for typecode '" + typecode + "'");
        }
    }
}
