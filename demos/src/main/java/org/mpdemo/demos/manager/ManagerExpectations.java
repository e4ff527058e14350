package org.mpdemo.demos.manager;

import static org.mpdemo.classroom.Checks.check;
import static org.mpdemo.classroom.Checks.equal;
import static org.mpdemo.classroom.Expectations.SMALL_SCALE;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mpdemo.classroom.Checks;
import org.mpdemo.classroom.Expectations.Expectation;

/**
 * What the manager demo documents, as the check {@code mpdemo verify} and the tests make.
 */
public final class ManagerExpectations {

    private ManagerExpectations() {
    }

    /** The documented behaviour of each demo of the topic, by its class. */
    public static Map<Class<?>, Expectation> byDemo() {
        return Map.of(
                ManagerValueRace.class, managerValueRace());
    }

    /** The race shows by chance: up to three runs for one with lost updates. */
    private static Expectation managerValueRace() {
        Pattern racy = Pattern.compile("Expected 4000, got (\\d+)");
        return new Expectation("'Expected 4000, got <n>' with n below 4000, then 'Expected 4000, got 4000'",
                SMALL_SCALE, 3, run -> {
                    Checks.exitStatus(run, 0);
                    Checks.stderrEmpty(run);
                    List<String> lines = run.lines();
                    equal(2, lines.size(), "lines on standard output");
                    Matcher m = racy.matcher(lines.get(0));
                    check(m.matches(), "line 1: '" + lines.get(0) + "'");
                    int got = Integer.parseInt(m.group(1));
                    check(got < 4000, "no increment was lost without the lock in this run");
                    check(got >= 1000, "line 1 counts " + got + ", fewer than one task's increments");
                    equal("Expected 4000, got 4000", lines.get(1), "line 2");
                    Checks.heldAtMostInTheManager(run, "RLock", 1);
                    return "without the lock " + got + " of 4000; with it 4000";
                });
    }
}
