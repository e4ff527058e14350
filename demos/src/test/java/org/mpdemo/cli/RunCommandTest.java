package org.mpdemo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What {@code run} turns its options into, checked without running a demo. */
class RunCommandTest {

    static RunCommand parse(String... args) {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs(args);
        return run;
    }

    @Test
    void onlyTheOptionsGivenBecomeProperties() throws Exception {
        assertEquals(Map.of(), parse("lock-error-callback").systemProperties());
        assertEquals(Map.of("mpdemo.timeScale", "0.01"),
                parse("lock-error-callback", "--time-scale", "0.01").systemProperties());
    }

    @Test
    void everyOptionHasItsProperty() throws Exception {
        Map<String, String> properties = parse("lock-error-callback", "--seed", "42", "--time-scale", "2",
                "--workers", "3", "--tasks", "0", "--trace", "events.jsonl").systemProperties();
        assertEquals(Map.of(
                "mpdemo.seed", "42",
                "mpdemo.timeScale", "2.0",
                "mpdemo.workers", "3",
                "mpdemo.tasks", "0",
                "mpdemo.trace", Path.of("events.jsonl").toAbsolutePath().toString()), properties);
    }
}
