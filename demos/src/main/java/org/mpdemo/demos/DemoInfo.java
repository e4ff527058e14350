package org.mpdemo.demos;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One runnable scenario: its id on the command line, its topic, a line on what it shows, and its class
 * (which has a {@code main}); for a demo whose result varies from run to run (a race), how to read its outcomes.
 * A demo class declares all of it in its {@link Demo} and {@link RaceOutcomes} annotations ({@link #of}).
 */
public record DemoInfo(String id, String topic, String summary, Class<?> mainClass, Outcomes outcomes) {

    /** A demo whose output is the same every run: no outcomes to tabulate. */
    public DemoInfo(String id, String topic, String summary, Class<?> mainClass) {
        this(id, topic, summary, mainClass, null);
    }

    /** The demo that this class's annotations declare; fails if it has no {@link Demo} annotation. */
    public static DemoInfo of(Class<?> mainClass) {
        Demo demo = mainClass.getAnnotation(Demo.class);
        if (demo == null) throw new IllegalArgumentException(mainClass.getName() + " has no @Demo annotation");
        RaceOutcomes race = mainClass.getAnnotation(RaceOutcomes.class);
        Outcomes outcomes = race == null ? null : Outcomes.of(race);
        return new DemoInfo(demo.id(), demo.topic(), demo.summary(), mainClass, outcomes);
    }

    /** This demo, reading its outcomes as {@code outcomes} says. */
    public DemoInfo withOutcomes(Outcomes outcomes) {
        return new DemoInfo(id, topic, summary, mainClass, outcomes);
    }

    /** How to read the outcomes, for a demo that declares them. */
    public Optional<Outcomes> declaredOutcomes() {
        return Optional.ofNullable(outcomes);
    }

    /**
     * How a race demo reports what happened, for {@code mpdemo run ID --runs N} and {@code mpdemo verify}: each
     * line of standard output matching {@code line} is one outcome (a run may print several); an outcome in
     * {@code expected} is the correct result, any other gets the verdict {@code wrong} (such as "lost update").
     *
     * @param line             a regular expression a whole outcome line matches, such as {@code Final balance = -?\d+}
     * @param expected         the correct outcomes, exactly as printed
     * @param reliableExpected the correct outcomes in the demo's reliable mode ({@code --reliable}), which may do
     *                         more work than the tutorial's program
     * @param wrong            the verdict for any other outcome
     * @param alwaysRight      whether every outcome must be correct (the demo with the fix), rather than a wrong
     *                         one being what the demo shows (the race)
     */
    public record Outcomes(String line, List<String> expected, List<String> reliableExpected, String wrong,
                           boolean alwaysRight) {
        public Outcomes {
            Pattern.compile(line); // fails early on a typo
            expected = List.copyOf(expected);
            reliableExpected = List.copyOf(reliableExpected);
        }

        /** The outcomes a demo class declares. */
        static Outcomes of(RaceOutcomes declared) {
            List<String> expected = List.of(declared.expected());
            List<String> reliable = declared.reliableExpected().length == 0 ? expected
                    : List.of(declared.reliableExpected());
            return new Outcomes(declared.line(), expected, reliable, declared.wrong(), declared.alwaysRight());
        }

        /** A race: wrong outcomes are what the demo is about. */
        public static Outcomes race(String line, String wrong, String... expected) {
            return new Outcomes(line, List.of(expected), List.of(expected), wrong, false);
        }

        /** The fix of a race: every outcome must be one of {@code expected}. */
        public static Outcomes exact(String line, String wrong, String... expected) {
            return new Outcomes(line, List.of(expected), List.of(expected), wrong, true);
        }

        /** These outcomes, with other correct ones in reliable mode. */
        public Outcomes whenReliable(String... correct) {
            return new Outcomes(line, expected, List.of(correct), wrong, alwaysRight);
        }

        public boolean isOutcome(String printed) {
            return Pattern.compile(line).matcher(printed).matches();
        }

        public boolean isExpected(String outcome, boolean reliable) {
            return (reliable ? reliableExpected : expected).contains(outcome);
        }
    }
}
