package org.mpdemo.demos;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mpdemo.classroom.Expectations;

/**
 * Every demo in the catalog, run as the user would and checked against what its class comment documents: the
 * check {@code mpdemo verify} makes ({@link Expectations}), at the time scale and with the options it needs.
 *
 * <p>One run each, except a race (a demo whose outcomes are a race, not its fix): a race shows by chance, so it
 * gets its expectation's attempts, and one run that shows it is proof.
 */
class DocumentedBehaviourTest {

    static Stream<DemoInfo> demos() {
        return DemoCatalog.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("demos")
    void behavesAsDocumented(DemoInfo demo) {
        Expectations.Expectation expected = Expectations.of(demo.id())
                .orElseThrow(() -> new AssertionError(demo.id() + " documents no behaviour to check"));
        boolean race = demo.declaredOutcomes().filter(o -> !o.alwaysRight()).isPresent();
        int attempts = race ? expected.attempts() : 1;
        List<String> options = new ArrayList<>(expected.options());
        options.add("--time-scale");
        options.add(String.valueOf(Math.max(0.01, expected.timeScale())));
        List<String> observed = new ArrayList<>();
        for (int attempt = 0; attempt < attempts; attempt++) {
            DemoRun run = DemoRun.of(demo.id(), options.toArray(String[]::new));
            Expectations.Verdict verdict = expected.verdict(run.observation());
            if (verdict.ok()) return;
            observed.add(verdict.observed());
        }
        fail(demo.id() + " (expected: " + expected.expected() + "): " + String.join("; then ", observed));
    }
}
