package org.mpdemo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mpdemo.demos.DemoCatalog;
import org.mpdemo.demos.DemoInfo;

/** The command line in this JVM, as {@link Mpdemo#main} configures it, with its output captured. */
class MpdemoTest {

    record Result(int status, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    static Result mpdemo(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = Mpdemo.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int status = cli.execute(args);
        return new Result(status, out.toString(), err.toString());
    }

    @Test
    void listShowsEveryDemoOnItsOwnLine() {
        Result result = mpdemo("list");
        assertEquals(0, result.status());
        assertEquals("", result.err());
        List<String> lines = result.out().lines().toList();
        List<DemoInfo> demos = DemoCatalog.all();
        assertEquals(demos.size(), lines.size(), result.out());
        for (int i = 0; i < demos.size(); i++) {
            DemoInfo demo = demos.get(i);
            assertTrue(lines.get(i).startsWith(demo.id() + " "), lines.get(i));
            assertTrue(lines.get(i).contains(" " + demo.topic() + " "), lines.get(i));
            assertTrue(lines.get(i).endsWith(demo.summary()), lines.get(i));
        }
    }

    /** Each command's help ends with its examples, under a heading the site's manual pages keep too. */
    @Test
    void helpEndsWithExamplesUnderTheirHeading() {
        Result walkthrough = mpdemo("walkthrough", "--help");
        assertEquals(0, walkthrough.status());
        assertTrue(walkthrough.out().endsWith("\nExample:\n  mpdemo walkthrough lock\n"), walkthrough.out());
        Result run = mpdemo("run", "--help");
        assertTrue(run.out().endsWith("\nExamples:\n  mpdemo run condition-sync-reraise --time-scale 0.1\n"
                + "  mpdemo run semaphore-inherited-global --timeline\n  mpdemo run pool-map --runs 5\n"
                + "  mpdemo run lock-error-callback --python\n"), run.out());
    }

    /** A setting the demo's program never reads is refused, not silently ignored; explain says which it takes. */
    @Test
    void aSettingTheDemoWouldIgnoreIsRefused() {
        Result pids = mpdemo("run", "pool-pids", "--workers", "4", "--tasks", "20");
        assertEquals(2, pids.status());
        assertEquals("", pids.out());
        assertEquals(List.of("mpdemo: --workers does not apply to pool-pids, whose program does not read it (it takes "
                + "none of the demo settings)"), pids.errLines());
        Result reliable = mpdemo("run", "bank-race", "--reliable");
        assertEquals(List.of("mpdemo: --reliable does not apply to bank-race, whose program does not read it (it "
                + "takes --ops)"), reliable.errLines());
        Result values = mpdemo("run", "pool-map", "--trace-values");
        assertEquals(List.of("mpdemo: --trace-values goes with --trace FILE (or --timeline): it adds to a trace"),
                values.errLines());
        assertTrue(mpdemo("explain", "lock-error-callback").out()
                .contains("\nSettings it takes: --workers, --tasks, --seed, --time-scale.\n"));
        assertTrue(mpdemo("explain", "bank-race").out().contains("\nSettings it takes: --ops, --schedule, --diagram.\n"));
    }

    @Test
    void versionNamesTheProjectVersion() {
        Result result = mpdemo("--version");
        assertEquals(0, result.status());
        assertTrue(result.out().matches("mpdemo \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R"), result.out());
    }

    @Test
    void noCommandPrintsTheUsageAsAUsageError() {
        Result result = mpdemo();
        assertEquals(2, result.status());
        assertEquals("", result.out());
        assertTrue(result.err().startsWith("Usage: mpdemo"), result.err());
    }

    @Test
    void helpGoesToStandardOutput() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"run", "--help"},
                new String[] {"list", "--help"}, new String[] {"help", "run"})) {
            Result result = mpdemo(args);
            assertEquals(0, result.status(), String.join(" ", args));
            assertTrue(result.out().startsWith("Usage: mpdemo"), result.out());
            assertEquals("", result.err());
        }
    }

    @Test
    void unknownDemoNamesTheClosestIds() {
        Result result = mpdemo("run", "lock-error-callbak");
        assertEquals(2, result.status());
        assertEquals("", result.out());
        assertEquals(List.of("mpdemo: unknown demo 'lock-error-callbak'; did you mean: lock-error-callback?"),
                result.errLines());
    }

    @Test
    void unknownDemoWithNothingCloseSaysWhereToLook() {
        Result result = mpdemo("run", "qqq");
        assertEquals(2, result.status());
        assertEquals(List.of("mpdemo: unknown demo 'qqq'; 'mpdemo list' shows them all"), result.errLines());
    }

    @Test
    void unknownCommandIsOneLine() {
        Result result = mpdemo("lsit");
        assertEquals(2, result.status());
        assertEquals(List.of("mpdemo: unknown command 'lsit'; did you mean: list? (try 'mpdemo --help')"),
                result.errLines());
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of(List.of("--time-scale", "0"), "--time-scale"),
                Arguments.of(List.of("--time-scale", "-1"), "--time-scale"),
                Arguments.of(List.of("--time-scale", "NaN"), "--time-scale"),
                Arguments.of(List.of("--time-scale", "fast"), "--time-scale"),
                Arguments.of(List.of("--seed", "abc"), "--seed"),
                Arguments.of(List.of("--workers", "0"), "--workers"),
                Arguments.of(List.of("--workers", "two"), "--workers"),
                // each worker is a JVM: 100 000 of them would take the machine down
                Arguments.of(List.of("--workers", "100000"), "must be from 1 to 64 (got 100000): each worker is a JVM"),
                Arguments.of(List.of("--tasks", "-1"), "--tasks"),
                Arguments.of(List.of("--no-such-option"), "--no-such-option"));
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void badOptionValueIsOneLineAndExitStatus2(List<String> options, String named) {
        String[] args = Stream.concat(Stream.of("run", "lock-error-callback"), options.stream())
                .toArray(String[]::new);
        Result result = mpdemo(args);
        assertEquals(2, result.status(), result.err());
        assertEquals("", result.out());
        assertEquals(1, result.errLines().size(), result.err());
        assertTrue(result.err().startsWith("mpdemo: ") && result.err().contains(named), result.err());
    }

    @Test
    void traceFileInAMissingDirectoryIsRefused(@TempDir Path dir) {
        Result result = mpdemo("run", "lock-error-callback", "--trace", dir.resolve("missing/t.jsonl").toString());
        assertEquals(2, result.status());
        assertEquals(List.of("mpdemo: --trace: directory " + dir.resolve("missing") + " does not exist"),
                result.errLines());
    }

    @Test
    void missingIdIsOneLine() {
        Result result = mpdemo("run");
        assertEquals(2, result.status());
        assertEquals(List.of("mpdemo: Missing required parameter: 'ID' (try 'mpdemo run --help')"),
                result.errLines());
    }

    @Test
    void theHelpListsEveryCommandOnOneLine() {
        Result result = mpdemo("--help");
        List<String> lines = result.out().lines().toList();
        for (String command : List.of("list", "run", "explore", "step", "explain", "timeline", "verify", "walkthrough", "docs",
                "generate-completion", "help")) {
            assertTrue(lines.stream().anyMatch(l -> l.matches("  " + command + " +\\S.*")), command);
        }
        for (String line : lines) assertTrue(line.length() <= 80, line);
    }

    /** A help variable picocli cannot fill in is printed as "null": every command's help lists real values. */
    @Test
    void noCommandsHelpPrintsAnUnfilledVariable() {
        for (String command : List.of("list", "run", "explore", "step", "explain", "timeline", "verify", "walkthrough", "docs")) {
            Result result = mpdemo(command, "--help");
            assertEquals(0, result.status(), command + ": " + result.err());
            assertTrue(!result.out().contains("null"), command + " --help:\n" + result.out());
        }
        assertTrue(mpdemo("walkthrough", "--help").out().contains("The topic: semaphore, lock, condition"));
    }

    @Test
    void generateCompletionPrintsABashScriptThatKnowsTheCommands() {
        Result result = mpdemo("generate-completion");
        assertEquals(0, result.status(), result.err());
        assertTrue(result.out().startsWith("#!/usr/bin/env bash"), result.out());
        assertTrue(result.out().contains("complete -F _complete_mpdemo"), "registers the completion function");
        for (String command : List.of("explain", "walkthrough", "verify", "timeline", "docs")) {
            assertTrue(result.out().contains(command), command);
        }
    }
}
