package org.mpdemo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mpdemo.classroom.DemoProcess;
import org.mpdemo.demos.TraceLog;

/**
 * {@code mpdemo run} as a user runs it: a separate JVM, its exit status and its two output streams. The demos'
 * own behaviour is tested elsewhere; this checks that the command adds nothing and loses nothing.
 */
@Timeout(120)
class RunSmokeTest {
    @TempDir
    Path dir;

    record Outcome(int status, String out, String err) {
    }

    Outcome mpdemo(String... args) throws Exception {
        // as the launcher runs it: the same java, class path and JVM flags
        return mpdemo(DemoProcess.cli(args), args);
    }

    Outcome mpdemo(List<String> command, String... args) throws Exception {
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .start();
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("mpdemo " + String.join(" ", args) + " did not finish in 60 s; stderr: " + Files.readString(err));
        }
        return new Outcome(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void errorCallbackDemoPrintsExactlyTheDemosLine() throws Exception {
        Outcome outcome = mpdemo("run", "lock-error-callback", "--time-scale", "0.01");
        assertEquals(0, outcome.status(), outcome.err());
        assertEquals("Lock objects should only be shared between processes through inheritance\n", outcome.out());
    }

    /** The twin runs on this machine's CPython and prints what the Java demo prints. */
    @Test
    void aTwinRunsOnCPythonWithTheDemosSettings() throws Exception {
        Outcome outcome = mpdemo("run", "lock-error-callback", "--python", "--time-scale", "0.01");
        assertEquals("Lock objects should only be shared between processes through inheritance\n", outcome.out());
        assertEquals(0, outcome.status(), outcome.err());
        Outcome reraise = mpdemo("run", "lock-sync-reraise", "--python", "--start-method", "spawn");
        assertEquals(1, reraise.status());
        assertTrue(reraise.err().endsWith("RuntimeError: Lock objects should only be shared between processes "
                + "through inheritance\n"), reraise.err());
        Outcome missing = mpdemo("run", "lock-error-callback", "--python", "--python-exe", "/nonexistent/python3");
        assertEquals(2, missing.status());
        assertEquals("mpdemo: no Python interpreter '/nonexistent/python3' (install python3, or name one with "
                + "--python-exe PATH)\n", missing.err());
        Outcome javaOnly = mpdemo("run", "lock-error-callback", "--python", "--timeline");
        assertEquals(2, javaOnly.status());
        assertEquals("mpdemo: --timeline applies to the Java program only, not to --python\n", javaOnly.err());
        Outcome alone = mpdemo("run", "lock-error-callback", "--start-method", "fork");
        assertEquals(2, alone.status());
        assertEquals("mpdemo: --start-method goes with --python\n", alone.err());
    }

    /** A trace that cannot be written is said once, and fails the command; the demo's own output is whole. */
    @Test
    void aTraceThatCannotBeWrittenIsReportedOnceAndFailsTheRun() throws Exception {
        Outcome outcome = mpdemo("run", "pool-map", "--trace", "/dev/full", "--time-scale", "0.01");
        assertEquals("[0, 1, 8, 27, 64, 125, 216, 343, 512, 729]\n", outcome.out());
        assertEquals("mpdemo: cannot write the trace to /dev/full: No space left on device; the trace is "
                + "incomplete\n", outcome.err());
        assertEquals(1, outcome.status());
    }

    @Test
    void syncReraiseDemoEndsWithTheErrorAndStatus1() throws Exception {
        Outcome outcome = mpdemo("run", "lock-sync-reraise");
        assertEquals(1, outcome.status(), outcome.err());
        assertEquals("", outcome.out());
        List<String> errLines = outcome.err().lines().toList();
        assertEquals("SharingError: Lock objects should only be shared between processes through inheritance",
                errLines.get(errLines.size() - 1), outcome.err());
    }

    @Test
    void theTimelineComesAfterTheDemosOwnOutputAndStatesTheMostHolders() throws Exception {
        Path trace = dir.resolve("trace.jsonl");
        Outcome outcome = mpdemo("run", "semaphore-inherited-global", "--time-scale", "0.2", "--seed", "1",
                "--timeline", "--trace", trace.toString());
        assertEquals(0, outcome.status(), outcome.err());
        assertEquals("", outcome.err());
        List<String> lines = outcome.out().lines().toList();
        for (String line : lines.subList(0, 10)) assertTrue(line.matches("Task \\d completed with .*"), line);
        assertEquals("", lines.get(10));
        assertEquals("Timeline of this run (from its trace):", lines.get(11));
        assertTrue(lines.get(12).matches("10 lanes over .*"), lines.get(12));
        // the number it states is the trace's own count (whether 2 is reached is the demo's test's business)
        TraceLog log = TraceLog.read(trace);
        String semaphore = log.objects("Semaphore").get(0);
        assertTrue(lines.get(lines.size() - 1).startsWith("Most holders at once: " + log.maxHolders(semaphore)
                + " (Semaphore " + semaphore + "), first reached at "), outcome.out());
        for (String line : lines) assertTrue(line.length() <= 80, line);
    }

    @Test
    void runsTabulatesTheDistinctOutcomes() throws Exception {
        Outcome outcome = mpdemo("run", "pool-map", "--runs", "2", "--time-scale", "0.01");
        assertEquals(0, outcome.status(), outcome.err());
        assertEquals(List.of(
                "Outcomes of 2 runs of pool-map:",
                "  OUTCOME                                       COUNT  FREQUENCY",
                "  [0, 1, 8, 27, 64, 125, 216, 343, 512, 729]        2    100.0 %"), outcome.out().lines().toList());
    }

    @Test
    void runsWithTraceIsRefused() throws Exception {
        Outcome outcome = mpdemo("run", "pool-map", "--runs", "2", "--trace", dir.resolve("t").toString());
        assertEquals(2, outcome.status());
        assertEquals("mpdemo: --trace records one run; with --runs, add --timeline to see the run that went wrong\n",
                outcome.err());
    }

    /** In a JVM that reports another system, the commands that run demos fail at once with one line; the others work. */
    @Test
    void onAnotherSystemRunFailsAtOnceWithOneLine() throws Exception {
        List<String> command = new java.util.ArrayList<>(DemoProcess.cli("run", "pool-map"));
        command.add(1, "-Dos.name=Mac OS X");
        Outcome run = mpdemo(command, "run", "pool-map");
        assertEquals(1, run.status());
        assertEquals("", run.out());
        assertEquals("mpdemo needs Linux on x86-64 or aarch64 (its runtime shares memory through /proc/<pid>/fd "
                + "and blocks with futex); on Windows, use WSL 2; this is Mac OS X\n", run.err());
        for (String[] fine : new String[][] {{"list"}, {"explain", "pool-map"}, {"run", "--help"}}) {
            List<String> other = new java.util.ArrayList<>(DemoProcess.cli(fine));
            other.add(1, "-Dos.name=Mac OS X");
            Outcome outcome = mpdemo(other, fine);
            assertEquals(0, outcome.status(), String.join(" ", fine) + ": " + outcome.err());
            assertEquals("", outcome.err(), String.join(" ", fine));
        }
    }

    /** A drawing that cannot be made fails the command; an unwritable picture is refused before the run. */
    @Test
    void aTimelineFromABadTraceFailsTheCommandAndAnUnwritablePictureIsRefused() throws Exception {
        Path garbage = dir.resolve("garbage.jsonl");
        Files.write(garbage, new byte[] {(byte) 0xff, (byte) 0xfe, '\n'});
        Outcome bad = mpdemo("run", "pool-map", "--trace", garbage.toString(), "--timeline");
        assertEquals(1, bad.status(), bad.err());
        assertEquals("[0, 1, 8, 27, 64, 125, 216, 343, 512, 729]\n", bad.out());
        assertEquals("mpdemo: --timeline: cannot read the trace " + garbage + ": it is not UTF-8 text\n", bad.err());

        Outcome svg = mpdemo("run", "bank-race", "--ops", "1", "--diagram", "--svg", "/proc/nope/x.svg");
        assertEquals(2, svg.status());
        assertEquals("", svg.out());
        assertTrue(svg.err().startsWith("mpdemo: Invalid value for option '--svg': cannot write /proc/nope/x.svg: "
                + "the folder /proc/nope does not exist"), svg.err());
        assertEquals(1, svg.err().lines().count(), svg.err());
    }

    @Test
    void aSiteFolderThatCannotBeMadeIsOneLineAndStatus2() throws Exception {
        Outcome docs = mpdemo("docs", "--out", "/proc/nope");
        assertEquals(2, docs.status());
        assertEquals(1, docs.err().lines().count(), docs.err());
        assertTrue(docs.err().startsWith("mpdemo: --out: cannot make the folder /proc/nope: "), docs.err());
        assertTrue(!docs.err().contains("Exception"), docs.err());
    }

    /** bank-race takes no lock: its timeline shows each round's start barrier, and no holders. */
    @Test
    void theBankRaceTimelineShowsItsBarrierAndNoLock() throws Exception {
        Outcome run = mpdemo("run", "bank-race", "--ops", "1", "--timeline");
        assertEquals(0, run.status(), run.err());
        List<String> lanes = run.out().lines().filter(l -> l.startsWith("Process-")).toList();
        assertEquals(20, lanes.size(), run.out());
        assertTrue(lanes.stream().allMatch(l -> l.contains("=") && !l.contains("#") && !l.contains("~")), run.out());
        assertTrue(!run.out().contains("Most holders"), run.out());
    }

    /** README shows a re-raised error as the command prints it: the example is this run's, line for line. */
    @Test
    void theReadmesTracebackIsWhatTheDemoPrints() throws Exception {
        List<String> readme = Files.readAllLines(Path.of("..", "README.adoc"));
        int at = readme.indexOf("$ ./mpdemo run lock-sync-reraise");
        assertTrue(at >= 0, "README has no example run of lock-sync-reraise");
        List<String> shown = readme.subList(at + 1, readme.subList(at, readme.size()).indexOf("----") + at);
        Outcome run = mpdemo("run", "lock-sync-reraise");
        assertEquals(1, run.status());
        assertEquals(run.err().lines().toList(), shown, "README.adoc's example has drifted from the real output");
    }
}
