package org.mpdemo.multiprocessing;

import java.io.Serializable;

/**
 * Argument tuples for {@code starmap}: Python's {@code (i, lock)} is {@code args(i, lock)}.
 */
public final class Args {
    private Args() {
    }

    /** Two arguments. */
    public record Two<A, B>(A first, B second) implements Serializable {
    }

    /** Three arguments. */
    public record Three<A, B, C>(A first, B second, C third) implements Serializable {
    }

    public static <A, B> Two<A, B> args(A first, B second) {
        return new Two<>(first, second);
    }

    public static <A, B, C> Three<A, B, C> args(A first, B second, C third) {
        return new Three<>(first, second, third);
    }

    /** The arguments of a {@link Two} or {@link Three}, as the array a function is called with. */
    public static Object[] toArray(Object tuple) {
        if (tuple instanceof Two<?, ?> t) return new Object[] {t.first(), t.second()};
        if (tuple instanceof Three<?, ?, ?> t) return new Object[] {t.first(), t.second(), t.third()};
        throw new IllegalArgumentException("not an argument tuple: " + tuple);
    }
}
