package org.mpdemo.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpdemo.demos.DemoInfo;
import org.mpdemo.demos.TraceLog;

/** The outcome table and the lost-update story, from runs made up here (the real race demos run elsewhere). */
class RaceReportTest {
    @TempDir
    Path dir;

    static final DemoInfo BANK = new DemoInfo("bank", "races", "a race", Object.class)
            .withOutcomes(DemoInfo.Outcomes.race("Final balance = -?\\d+", "lost update", "Final balance = 100"));

    TraceLog trace(String... lines) throws Exception {
        Path file = Files.createTempFile(dir, "t", ".jsonl");
        Files.write(file, List.of(lines));
        return TraceLog.read(file);
    }

    Observation run(TraceLog trace, String... printed) {
        return new Observation("bank", 0, String.join("\n", printed) + "\n", "", trace, 0.1);
    }

    /** Withdraw reads 100, deposit reads 100 and writes 101, withdraw writes 99 over it. */
    TraceLog lostDeposit() throws Exception {
        return trace(
                "{\"t\": 1, \"pid\": 1, \"event\": \"process-start\", \"name\": \"Process-1\", \"child\": 11}",
                "{\"t\": 2, \"pid\": 1, \"event\": \"process-start\", \"name\": \"Process-2\", \"child\": 12}",
                "{\"t\": 10, \"pid\": 11, \"event\": \"value-get\", \"obj\": \"value-1-1\", \"value\": 100}",
                "{\"t\": 11, \"pid\": 12, \"event\": \"value-get\", \"obj\": \"value-1-1\", \"value\": 100}",
                "{\"t\": 12, \"pid\": 12, \"event\": \"value-set\", \"obj\": \"value-1-1\", \"value\": 101}",
                "{\"t\": 13, \"pid\": 11, \"event\": \"value-set\", \"obj\": \"value-1-1\", \"value\": 99}");
    }

    @Test
    void theTableCountsEachOutcomeWithItsVerdict() throws Exception {
        TraceLog none = trace();
        List<Observation> runs = List.of(
                run(none, "Final balance = 100", "Final balance = 100", "Final balance = -9900"),
                run(none, "Final balance = 100", "noise", "Final balance = 200"));
        OutcomeTable table = OutcomeTable.of(BANK, runs, false);
        assertEquals(5, table.total());
        assertEquals(2, table.wrong());
        assertEquals(List.of(
                "  OUTCOME                  COUNT  FREQUENCY  VERDICT",
                "  Final balance = 100          3     60.0 %  expected",
                "  Final balance = -9900        1     20.0 %  lost update",
                "  Final balance = 200          1     20.0 %  lost update"), table.render(80));
    }

    @Test
    void withoutValueEventsTheReportSaysWhyThereIsNoStory() throws Exception {
        List<String> lines = RaceReport.lines(BANK, List.of(run(trace(), "Final balance = 99")), false, Optional.empty(), 80);
        String text = String.join("\n", lines);
        assertTrue(text.contains("1 of 1 results were wrong (lost update)."), text);
        assertTrue(text.replace('\n', ' ').contains("(No step-by-step story: the traces have no value-get / "
                + "value-set events"), text);
    }

    @Test
    void aLostUpdateIsToldStepByStep() throws Exception {
        List<Observation> runs = new ArrayList<>();
        runs.add(run(trace(), "Final balance = 100"));
        runs.add(run(lostDeposit(), "Final balance = 99"));
        List<String> lines = RaceReport.lines(BANK, runs, false, RaceReport.told(BANK, runs, false), 80);
        int at = lines.indexOf("A lost update, step by step (from the trace of run 2, value-1-1):");
        assertTrue(at > 0, String.join("\n", lines));
        assertEquals(List.of(
                "  1. Process-1 (pid 11) reads 100",
                "  2. Process-2 (pid 12) reads 100",
                "  3. Process-2 (pid 12) writes 101",
                "  4. Process-1 (pid 11) writes 99, computed from the 100 it read before",
                "     Process-2 (pid 12)'s write",
                "  Process-2 (pid 12)'s write of 101 is overwritten: its update is lost. Taking",
                "  turns, they would have left 100, not 99."), lines.subList(at + 1, lines.size()));
    }

    @Test
    void manyOverwrittenWritesAreCounted() throws Exception {
        TraceLog trace = trace(
                "{\"t\": 10, \"pid\": 11, \"event\": \"value-get\", \"obj\": \"v\", \"value\": 181}",
                "{\"t\": 11, \"pid\": 12, \"event\": \"value-get\", \"obj\": \"v\", \"value\": 181}",
                "{\"t\": 12, \"pid\": 12, \"event\": \"value-set\", \"obj\": \"v\", \"value\": 180}",
                "{\"t\": 13, \"pid\": 12, \"event\": \"value-get\", \"obj\": \"v\", \"value\": 180}",
                "{\"t\": 14, \"pid\": 12, \"event\": \"value-set\", \"obj\": \"v\", \"value\": 179}",
                "{\"t\": 15, \"pid\": 12, \"event\": \"value-get\", \"obj\": \"v\", \"value\": 179}",
                "{\"t\": 16, \"pid\": 12, \"event\": \"value-set\", \"obj\": \"v\", \"value\": 178}",
                "{\"t\": 17, \"pid\": 11, \"event\": \"value-set\", \"obj\": \"v\", \"value\": 182}");
        LostUpdate.Story story = LostUpdate.first(trace).orElseThrow();
        assertEquals(List.of(
                "process 11 reads 181",
                "process 12 reads 181",
                "process 12 writes 180",
                "process 12 writes 2 more times, the last 178",
                "process 11 writes 182, computed from the 181 it read before those writes"), story.steps());
        assertEquals("All 3 writes of process 12 since process 11 read are overwritten: 3 updates lost. "
                + "Taking turns, they would have left 179, not 182.", story.conclusion());
    }

    @Test
    void takingTurnsLosesNothing() throws Exception {
        TraceLog turns = trace(
                "{\"t\": 10, \"pid\": 11, \"event\": \"value-get\", \"obj\": \"v\", \"value\": 100}",
                "{\"t\": 11, \"pid\": 11, \"event\": \"value-set\", \"obj\": \"v\", \"value\": 99}",
                "{\"t\": 12, \"pid\": 12, \"event\": \"value-get\", \"obj\": \"v\", \"value\": 99}",
                "{\"t\": 13, \"pid\": 12, \"event\": \"value-set\", \"obj\": \"v\", \"value\": 100}");
        assertTrue(LostUpdate.traced(turns));
        assertTrue(LostUpdate.first(turns).isEmpty());
    }
}
