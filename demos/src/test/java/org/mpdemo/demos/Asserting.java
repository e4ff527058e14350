package org.mpdemo.demos;

import org.junit.jupiter.api.Assertions;
import org.mpdemo.classroom.Checks;

/** Turns a check's {@link Checks.Mismatch} into a test failure with the same one-line message. */
final class Asserting {
    private Asserting() {
    }

    static void that(Runnable check) {
        try {
            check.run();
        } catch (Checks.Mismatch m) {
            Assertions.fail(m.getMessage());
        }
    }
}
