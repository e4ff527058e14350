package org.mpdemo.demos;

import java.util.function.Supplier;
import org.junit.jupiter.api.Assertions;
import org.mpdemo.classroom.Checks;

/** Turns a check's {@link Checks.Mismatch} into a test failure with the same one-line message. */
public final class Asserting {
    private Asserting() {
    }

    public static void that(Runnable check) {
        that(() -> {
            check.run();
            return null;
        });
    }

    /** The value the check returns, such as the balances it read. */
    public static <T> T that(Supplier<T> check) {
        try {
            return check.get();
        } catch (Checks.Mismatch m) {
            return Assertions.fail(m.getMessage());
        }
    }
}
