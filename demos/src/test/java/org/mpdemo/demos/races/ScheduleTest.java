package org.mpdemo.demos.races;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mpdemo.demos.DemoRun;
import org.mpdemo.demos.TraceLog;
import org.mpdemo.multiprocessing.trace.TraceEvent;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * {@code --schedule}: the bank program's lost update, and its two right answers, forced on every round rather
 * than hoped for. With {@code --ops 1} each process reads the balance once and writes it once.
 */
class ScheduleTest {

    /** The tutorial's three sequence diagrams: both read 100 before either writes, or one goes first. */
    @ParameterizedTest(name = "--schedule {0} gives {1} in every round")
    @CsvSource(delimiter = ';', value = {
        "1,2,1,2; 101",  // withdraw reads, deposit reads, withdraw writes 99, deposit writes 101: the withdraw is lost
        "2,1,2,1; 99",   // the same the other way round: the deposit is lost
        "1,1,2,2; 100"}) // withdraw, then deposit: right
    void aScheduleDecidesEveryRound(String schedule, int balance) {
        DemoRun run = DemoRun.of("bank-race", "--ops", "1", "--schedule", schedule);
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("", run.stderr());
        assertEquals(Collections.nCopies(10, "Final balance = " + balance), run.lines());
    }

    @Test
    void theTraceRecordsEachGrantedSwitchWithTwoChildrenARound() {
        DemoRun run = DemoRun.of("bank-race", "--ops", "1", "--schedule", "1,2,1,2", "--trace-values");
        assertEquals(0, run.exitCode(), run.stderr());
        List<TraceLog.Event> switches = run.trace().named(TraceEvent.SWITCH);
        assertEquals(40, switches.size(), "four switches in each of ten rounds");
        Set<String> children = new HashSet<>();
        for (int round = 0; round < 10; round++) {
            List<TraceLog.Event> four = switches.subList(4 * round, 4 * round + 4);
            assertEquals(List.of("1", "2", "3", "4"), four.stream().map(e -> e.get("step")).toList());
            assertEquals(List.of("1", "2", "1", "2"), four.stream().map(e -> e.get("process")).toList());
            assertEquals(List.of("value-get", "value-get", "value-set", "value-set"),
                    four.stream().map(e -> e.get("access")).toList());
            Set<String> pids = new HashSet<>(four.stream().map(e -> e.get("child")).toList());
            assertEquals(2, pids.size(), "round " + round + ": " + four);
            children.addAll(pids);
        }
        assertEquals(20, children.size(), "fresh processes in every round");
        // and the accesses happened in that order: both reads saw 100
        long main = run.trace().named(TraceEvent.PROCESS_START).get(0).pid();
        List<TraceLog.Event> values = run.trace().events().stream()
                .filter(e -> e.is(TraceEvent.VALUE_GET) || e.is(TraceEvent.VALUE_SET))
                .filter(e -> e.pid() != main)
                .toList();
        assertEquals(List.of("100", "100", "99", "101"), values.subList(0, 4).stream().map(e -> e.get("value")).toList());
    }

    /** The tutorial's first sequence diagram, drawn from the run's own trace: both read 100, the withdraw is lost. */
    @Test
    void theDiagramShowsTheLostUpdateArrowByArrow(@TempDir Path dir) throws Exception {
        Path svg = dir.resolve("round.svg");
        DemoRun run = DemoRun.of("bank-race", "--ops", "1", "--schedule", "1,2,1,2", "--diagram", "--svg",
                svg.toString());
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(List.of(
                "The first round as a sequence diagram (from its trace):",
                "        Process 1                shared value               Process 2",
                "            |                         |                         |",
                "            |<------ read 100 --------|                         |",
                "            |                         |------- read 100 ------->|",
                "            |------- write 99 ------->|                         |",
                "            |                         |<------ write 101 -------|",
                "            |                         |                         |",
                "The value at the end of the round: 101"), run.lines().subList(11, run.lines().size()));
        Document picture = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder().parse(svg.toFile());
        NodeList texts = picture.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
        List<String> labels = new java.util.ArrayList<>();
        for (int i = 0; i < texts.getLength(); i++) labels.add(texts.item(i).getTextContent());
        assertEquals(List.of("Process 1", "shared value", "Process 2", "read 100", "read 100", "write 99",
                "write 101", "The value at the end of the round: 101"), labels);
    }

    @Test
    void aLockMakesEveryWholeScheduleRight() {
        DemoRun run = DemoRun.of("bank-lock", "--ops", "1", "--schedule", "2,2,2,2,1,1,1,1");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(Collections.nCopies(10, "Final balance = 100"), run.lines());
    }

    @Test
    void aScheduleThatLetsAProcessTakeAHeldLockIsRefused() {
        DemoRun run = DemoRun.of("bank-lock", "--ops", "1", "--schedule", "1,2");
        assertEquals(2, run.exitCode());
        assertEquals("", run.stdout());
        assertEquals(1, run.errorLines().size(), run.stderr());
        assertTrue(run.errorLines().get(0).matches("mpdemo: --schedule 1,2: step 2 names process 2, which is "
                + "blocked: another process holds lock-\\d+-\\d+"), run.stderr());
    }

    @Test
    void aScheduleThatNamesAMissingOrFinishedProcessIsRefused() {
        DemoRun missing = DemoRun.of("bank-race", "--ops", "1", "--schedule", "1,3");
        assertEquals(2, missing.exitCode());
        assertEquals(List.of("mpdemo: --schedule 1,3: step 2 names process 3, but this round has 2 processes"),
                missing.errorLines());
        DemoRun finished = DemoRun.of("bank-race", "--ops", "1", "--schedule", "1,1,1");
        assertEquals(2, finished.exitCode());
        assertEquals(List.of("mpdemo: --schedule 1,1,1: step 3 names process 1, which has already finished"),
                finished.errorLines());
    }

    /** --ops reaches a pool's tasks too; a schedule does not, and says so instead of being ignored. */
    @Test
    void aPoolProgramTakesOpsButRefusesASchedule() {
        DemoRun ops = DemoRun.of("manager-value-race", "--ops", "1");
        assertEquals(0, ops.exitCode(), ops.stderr());
        assertEquals(2, ops.lines().size(), ops.stdout());
        assertTrue(ops.lines().get(0).matches("Expected 4, got [1-4]"), ops.stdout());
        assertEquals("Expected 4, got 4", ops.lines().get(1));

        DemoRun scheduled = DemoRun.of("manager-value-race", "--ops", "1", "--schedule", "1,2,1,2");
        assertEquals(2, scheduled.exitCode());
        assertEquals("", scheduled.stdout());
        assertEquals(List.of("mpdemo: --schedule 1,2,1,2: the program starts a pool, and a schedule cannot play its "
                + "workers: each task goes to whichever worker is free first"), scheduled.errorLines());
    }

    @Test
    void aMalformedScheduleIsAUsageError() {
        DemoRun run = DemoRun.of("bank-race", "--schedule", "1,0");
        assertEquals(2, run.exitCode());
        assertEquals(List.of("mpdemo: Invalid value for option '--schedule': process numbers go from 1 to 16 (got 0) "
                + "(try 'mpdemo run --help')"), run.errorLines());
        DemoRun svgAlone = DemoRun.of("bank-race", "--svg", "x.svg");
        assertEquals(2, svgAlone.exitCode());
        assertEquals(List.of("mpdemo: --svg goes with --diagram"), svgAlone.errorLines());
        DemoRun notARace = DemoRun.of("pool-map", "--ops", "1");
        assertEquals(2, notARace.exitCode());
        assertTrue(notARace.errorLines().get(0).startsWith("mpdemo: --ops applies to the race demos only ("),
                notARace.stderr());
    }
}
