package org.mpdemo.demos.races;

import static org.mpdemo.classroom.Checks.check;
import static org.mpdemo.classroom.Checks.equal;
import static org.mpdemo.classroom.Expectations.SMALL_SCALE;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mpdemo.classroom.Checks;
import org.mpdemo.classroom.Expectations.Expectation;
import org.mpdemo.classroom.Observation;

/**
 * What each race demo documents, as the check {@code mpdemo verify} and the tests make.
 */
public final class RacesExpectations {
    private static final Pattern BALANCE = Pattern.compile("Final balance = (-?\\d+)");

    private RacesExpectations() {
    }

    /** The documented behaviour of each demo of the topic, by its class. */
    public static Map<Class<?>, Expectation> byDemo() {
        return Map.of(
                BankRace.class, bankRace(),
                BankLock.class, bankExact(),
                BankAtomic.class, bankExact(),
                ValueArrayRace.class, valueArrayRace(),
                ValueArrayLock.class, valueArrayLock());
    }

    /** The ten balances a bank run printed; exactly ten lines, each {@code Final balance = N}. */
    public static List<Integer> balances(Observation run) {
        Checks.exitStatus(run, 0);
        Checks.stderrEmpty(run);
        List<Integer> balances = new ArrayList<>();
        for (String line : run.lines()) {
            Matcher m = BALANCE.matcher(line);
            check(m.matches(), "not a balance: '" + line + "'");
            balances.add(Integer.parseInt(m.group(1)));
        }
        equal(10, balances.size(), "balances printed");
        return balances;
    }

    /**
     * A race shows by chance; three runs of ten balances each make a false failure need thirty updates-heavy
     * transactions without one lost write.
     */
    private static Expectation bankRace() {
        return new Expectation("ten balances, some not 100: lost updates", SMALL_SCALE, 3, run -> {
            List<Integer> balances = balances(run);
            long wrong = balances.stream().filter(b -> b != 100).count();
            check(wrong > 0, "all ten balances were 100: no update was lost in this run");
            return wrong + " of 10 balances wrong (lost updates), e.g. "
                    + balances.stream().filter(b -> b != 100).findFirst().orElseThrow();
        });
    }

    private static Expectation bankExact() {
        return new Expectation("ten balances, every one 100", SMALL_SCALE, 1, run -> {
            List<Integer> balances = balances(run);
            equal(List.of(100, 100, 100, 100, 100, 100, 100, 100, 100, 100), balances, "balances");
            return "all ten balances 100";
        });
    }

    /** The Value/Array programs' five lines; returns the two end lines. */
    public static List<String> valueArrayShape(Observation run) {
        Checks.exitStatus(run, 0);
        Checks.stderrEmpty(run);
        List<String> lines = run.lines();
        equal(5, lines.size(), "lines on standard output");
        equal("Value at beginning: 0", lines.get(0), "line 1");
        equal("Array at beginning: [0.0, 100.0, 200.0]", lines.get(1), "line 2");
        check(lines.get(2).startsWith("Value at end: "), "line 3: '" + lines.get(2) + "'");
        check(lines.get(3).startsWith("Array at end: ["), "line 4: '" + lines.get(3) + "'");
        equal("end main", lines.get(4), "line 5");
        return lines.subList(2, 4);
    }

    /** In reliable mode: four processes, 10 000 unpaused updates each, started together. */
    private static Expectation valueArrayRace() {
        return new Expectation("with --reliable: the Value or the Array short of its total", SMALL_SCALE, 3,
                List.of("--reliable"), run -> {
                    List<String> end = valueArrayShape(run);
                    boolean valueRight = end.get(0).equals("Value at end: 20000");
                    boolean arrayRight = end.get(1).equals("Array at end: [20000.0, 20100.0, 20200.0]");
                    check(!valueRight || !arrayRight, "no update was lost in this run");
                    return "lost updates: " + end.get(0) + " (of 20000), " + end.get(1).substring(
                            "Array at end: ".length());
                });
    }

    private static Expectation valueArrayLock() {
        return new Expectation("'Value at end: 200', 'Array at end: [200.0, 300.0, 400.0]'", SMALL_SCALE, 1, run -> {
            List<String> end = valueArrayShape(run);
            equal("Value at end: 200", end.get(0), "line 3");
            equal("Array at end: [200.0, 300.0, 400.0]", end.get(1), "line 4");
            return "200 and [200.0, 300.0, 400.0]: nothing lost";
        });
    }
}
