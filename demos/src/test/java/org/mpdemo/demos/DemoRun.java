package org.mpdemo.demos;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.mpdemo.classroom.DemoProcess;
import org.mpdemo.classroom.Expectations;
import org.mpdemo.classroom.Observation;

/**
 * Runs one demo as the user would — {@code mpdemo run ID}, in a JVM of its own — and keeps what it printed,
 * its exit status and its trace. Tests use a small time scale and a fixed seed unless they say otherwise.
 */
public record DemoRun(Observation observation) {

    /** Runs {@code mpdemo run ID --trace FILE --time-scale 0.01 --seed 1 OPTIONS}; an option given replaces the default. */
    public static DemoRun of(String id, String... options) {
        DemoCatalog.find(id).orElseThrow(() -> new AssertionError("no demo " + id));
        return new DemoRun(DemoProcess.run(id, 0.01, options));
    }

    /** The demo's documented behaviour, the check {@code mpdemo verify} makes, holds for this run. */
    public void assertAsDocumented() {
        Expectations.Verdict verdict = Expectations.verdictFor(observation);
        assertTrue(verdict.ok(), observation.id() + ": " + verdict.observed());
    }

    public int exitCode() {
        return observation.exitCode();
    }

    public String stdout() {
        return observation.stdout();
    }

    public String stderr() {
        return observation.stderr();
    }

    public TraceLog trace() {
        return observation.trace();
    }

    public List<String> lines() {
        return observation.lines();
    }

    public List<String> errorLines() {
        return observation.errorLines();
    }
}
