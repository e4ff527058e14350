package org.mpdemo.multiprocessing.shared;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.mpdemo.multiprocessing.internal.shm.SharedMemory;

/**
 * The C types behind {@link Value} and {@link Array} (CPython's {@code sharedctypes.typecode_to_type}), with the
 * sizes of Linux on a 64-bit machine: {@code l} and {@code L} are 8 bytes, like {@code q} and {@code Q}.
 *
 * <p>Reads and writes of an element at a byte offset of {@link SharedMemory}; 4- and 8-byte elements use
 * acquire/release accesses, narrower ones plain accesses (their atomicity comes from the object's lock). The
 * lock-free operations ({@link #getAndAdd}, {@link #compareAndSet}) are CAS loops on the aligned 4- or 8-byte
 * word; a 1- or 2-byte element is updated inside the aligned int that contains it.
 *
 * <p>Conversions follow ctypes: integers are truncated to the width without complaint ({@code c_byte(300)} is
 * 44), a float cannot be stored into an integer type ("int expected instead of float").
 */
enum CType {
    BYTE('b', 1, "c_byte", Kind.SIGNED),
    UBYTE('B', 1, "c_ubyte", Kind.UNSIGNED),
    SHORT('h', 2, "c_short", Kind.SIGNED),
    USHORT('H', 2, "c_ushort", Kind.UNSIGNED),
    INT('i', 4, "c_int", Kind.SIGNED),
    UINT('I', 4, "c_uint", Kind.UNSIGNED),
    LONG('l', 8, "c_long", Kind.SIGNED),
    ULONG('L', 8, "c_ulong", Kind.UNSIGNED),
    LONGLONG('q', 8, "c_long", Kind.SIGNED),   // on 64-bit Linux ctypes' c_longlong is c_long
    ULONGLONG('Q', 8, "c_ulong", Kind.UNSIGNED),
    FLOAT('f', 4, "c_float", Kind.FLOAT),
    DOUBLE('d', 8, "c_double", Kind.FLOAT),
    CHAR('c', 1, "c_char", Kind.CHAR);

    static final String TYPECODES = "b, B, h, H, i, I, l, L, q, Q, f, d or c";
    private static final boolean LITTLE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    final char code;
    final int size;
    final String cName;
    final Kind kind;

    enum Kind { SIGNED, UNSIGNED, FLOAT, CHAR }

    CType(char code, int size, String cName, Kind kind) {
        this.code = code;
        this.size = size;
        this.cName = cName;
        this.kind = kind;
    }

    static CType of(char typecode) {
        for (CType t : values()) if (t.code == typecode) return t;
        throw new IllegalArgumentException("bad typecode '" + typecode + "' (must be " + TYPECODES + ")");
    }

    boolean isInteger() {
        return kind == Kind.SIGNED || kind == Kind.UNSIGNED;
    }

    /** Refuses a lock-free operation {@code op} on a float or char type. */
    void requireInteger(String op) {
        if (!isInteger()) throw new IllegalStateException(op + " needs an integer typecode, not '" + code + "'");
    }

    // ---- conversions --------------------------------------------------------------------------------------

    /** Truncates {@code v} to this type's width and reads it back as this type: what C stores. */
    long wrap(long v) {
        return switch (this) {
            case BYTE -> (byte) v;
            case UBYTE, CHAR -> v & 0xFF;
            case SHORT -> (short) v;
            case USHORT -> v & 0xFFFF;
            case INT -> (int) v;
            case UINT -> v & 0xFFFF_FFFFL;
            default -> v;
        };
    }

    /** {@link #bitsOf} for an integer, without boxing it (the path of {@code setInt}/{@code setLong}). */
    long bitsOfLong(long value) {
        if (kind == Kind.FLOAT) {
            double d = value; // as bitsOf converts a boxed integer: to double first
            return this == FLOAT ? Float.floatToRawIntBits((float) d) : Double.doubleToRawLongBits(d);
        }
        return wrap(value); // for 'c' too: an integer is stored modulo 256
    }

    /** The number a Java caller gave, as the bits this type stores; refuses what ctypes refuses. */
    long bitsOf(Object value) {
        if (value == null) throw new IllegalArgumentException(cName + " expected a number, not null");
        if (kind == Kind.FLOAT) {
            double d = toDouble(value);
            return this == FLOAT ? Float.floatToRawIntBits((float) d) : Double.doubleToRawLongBits(d);
        }
        if (kind == Kind.CHAR) {
            if (value instanceof Character c) {
                if (c > 0xFF) throw new IllegalArgumentException("one character bytes, bytearray or integer "
                        + "expected (got '" + c + "', beyond one byte)");
                return c;
            }
            if (value instanceof String s && s.length() == 1 && s.charAt(0) <= 0xFF) return s.charAt(0);
            if (value instanceof byte[] b && b.length == 1) return b[0] & 0xFF;
            if (isIntegral(value)) return ((Number) value).longValue() & 0xFF;
            throw new IllegalArgumentException("one character bytes, bytearray or integer expected");
        }
        if (value instanceof Character c) return wrap(c);
        if (!isIntegral(value)) {
            String got = value instanceof Number ? "float" : value.getClass().getSimpleName();
            throw new IllegalArgumentException("int expected instead of " + got);
        }
        return wrap(value instanceof BigInteger b ? b.longValue() : ((Number) value).longValue());
    }

    private static boolean isIntegral(Object v) {
        return v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger || v instanceof AtomicInteger || v instanceof AtomicLong;
    }

    private static double toDouble(Object value) {
        if (value instanceof Number n) return n.doubleValue();
        throw new IllegalArgumentException("must be real number, not " + value.getClass().getSimpleName());
    }

    /** The Java value for stored bits: Integer, Long, Double or (for {@code c}) Byte. */
    Number box(long bits) {
        return switch (this) {
            case BYTE, UBYTE, SHORT, USHORT, INT -> (int) bits;
            case FLOAT -> (double) Float.intBitsToFloat((int) bits);
            case DOUBLE -> Double.longBitsToDouble(bits);
            case CHAR -> (byte) bits;
            default -> bits;
        };
    }

    /** Stored bits as a double (integers widen, {@code Q}/{@code L} read as unsigned). */
    double asDouble(long bits) {
        return switch (kind) {
            case FLOAT -> this == FLOAT ? Float.intBitsToFloat((int) bits) : Double.longBitsToDouble(bits);
            case UNSIGNED -> size == 8 && bits < 0 ? new BigDecimal(new BigInteger(Long.toUnsignedString(bits)))
                    .doubleValue() : bits;
            default -> bits;
        };
    }

    // ---- memory -------------------------------------------------------------------------------------------

    /** Reads the element at {@code offset}: the stored bits, sign- or zero-extended as the type says. */
    long read(SharedMemory m, int offset) {
        return switch (size) {
            case 1 -> wrap(m.getBytePlain(offset));
            case 2 -> wrap(m.getShortPlain(offset));
            case 4 -> wrap(m.getIntAcquire(offset));
            default -> m.getLongAcquire(offset);
        };
    }

    /** Writes bits (as returned by {@link #bitsOf}) to the element at {@code offset}. */
    void write(SharedMemory m, int offset, long bits) {
        switch (size) {
            case 1 -> m.setBytePlain(offset, (byte) bits);
            case 2 -> m.setShortPlain(offset, (short) bits);
            case 4 -> m.setIntRelease(offset, (int) bits);
            default -> m.setLongRelease(offset, bits);
        }
    }

    /** Atomically adds {@code delta} (wrapping at the type's width) and returns the previous value. */
    long getAndAdd(SharedMemory m, int offset, long delta) {
        if (size == 8) return m.getAndAddLong(offset, delta);
        if (size == 4) return wrap(m.getAndAddInt(offset, (int) delta));
        while (true) {
            long old = readNarrowVolatile(m, offset);
            if (casNarrow(m, offset, old, wrap(old + delta))) return old;
        }
    }

    /** Atomically sets the element to {@code update} if it holds {@code expected} (both as this type reads them). */
    boolean compareAndSet(SharedMemory m, int offset, long expected, long update) {
        if (wrap(expected) != expected) return false; // cannot be stored, so cannot be held
        update = wrap(update);
        if (size == 8) return m.compareAndSetLong(offset, expected, update);
        if (size == 4) return m.compareAndSetInt(offset, (int) expected, (int) update);
        return casNarrow(m, offset, expected, update);
    }

    private long readNarrowVolatile(SharedMemory m, int offset) {
        int word = m.getIntVolatile(offset & ~3);
        return wrap(word >>> shift(offset));
    }

    private boolean casNarrow(SharedMemory m, int offset, long expected, long update) {
        int at = offset & ~3;
        int shift = shift(offset);
        int mask = (size == 1 ? 0xFF : 0xFFFF) << shift;
        while (true) {
            int word = m.getIntVolatile(at);
            if (wrap(word >>> shift) != expected) return false;
            int next = (word & ~mask) | (((int) update << shift) & mask);
            if (m.compareAndSetInt(at, word, next)) return true;
        }
    }

    /** Bit position of a narrow element inside its aligned int. */
    private int shift(int offset) {
        int inWord = offset & 3;
        return 8 * (LITTLE ? inWord : 4 - size - inWord);
    }

    // ---- Python's repr ------------------------------------------------------------------------------------

    /** How Python shows the element: {@code 3}, {@code 100.0}, {@code 1e+16}, {@code b'a'}. */
    String repr(long bits) {
        return switch (kind) {
            case FLOAT -> floatRepr(asDouble(bits));
            case CHAR -> "b'" + byteRepr((int) bits) + "'";
            case UNSIGNED -> size == 8 ? Long.toUnsignedString(bits) : Long.toString(bits);
            default -> Long.toString(bits);
        };
    }

    /** One byte as it appears inside Python's {@code b'…'}. */
    static String byteRepr(int b) {
        b &= 0xFF;
        return switch (b) {
            case '\\' -> "\\\\";
            case '\'' -> "\\'";
            case '\t' -> "\\t";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            default -> b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : String.format("\\x%02x", b);
        };
    }

    /** Python's {@code repr(float)}: shortest digits, scientific below 1e-4 and from 1e16. */
    static String floatRepr(double d) {
        if (Double.isNaN(d)) return "nan";
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        if (d == 0) return (1 / d < 0) ? "-0.0" : "0.0";
        BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exponent = exact.precision() - exact.scale() - 1; // of the first digit
        String digits = exact.unscaledValue().abs().toString();
        String sign = d < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 16) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        }
        String plain = exact.abs().toPlainString();
        return sign + (plain.contains(".") ? plain : plain + ".0");
    }
}
