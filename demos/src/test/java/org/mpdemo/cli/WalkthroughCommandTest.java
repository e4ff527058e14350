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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mpdemo.classroom.DemoProcess;
import org.mpdemo.classroom.Walkthrough;
import org.mpdemo.demos.DemoCatalog;
import org.mpdemo.demos.DemoInfo;

@Timeout(300)
class WalkthroughCommandTest {
    @TempDir
    Path dir;

    static List<String> topics() {
        return Walkthrough.topics();
    }

    /** Each topic, straight through at a small time scale, as a user runs it: its own JVM, no terminal. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void everyTopicRunsToTheEndWithoutPausing(String topic) throws Exception {
        Path out = dir.resolve("out");
        Process process = new ProcessBuilder(DemoProcess.cli("walkthrough", topic, "--no-pause", "--time-scale",
                "0.01")).redirectOutput(out.toFile()).redirectError(dir.resolve("err").toFile()).start();
        process.getOutputStream().close();
        if (!process.waitFor(240, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail("walkthrough " + topic + " did not finish in 240 s:\n" + Files.readString(out));
        }
        String text = Files.readString(out);
        assertEquals(0, process.exitValue(), text + Files.readString(dir.resolve("err")));
        List<String> lines = text.lines().toList();
        List<DemoInfo> steps = DemoCatalog.all().stream().filter(d -> d.topic().equals(topic)).toList();
        assertTrue(lines.get(0).startsWith("Walkthrough: " + topic + " (" + steps.size() + " step"), lines.get(0));
        int at = 0;
        for (int i = 0; i < steps.size(); i++) {
            String header = "Step " + (i + 1) + " of " + steps.size() + ": " + steps.get(i).id();
            int step = lines.indexOf(header);
            assertTrue(step > at, header + " missing or out of order:\n" + text);
            int run = lines.indexOf("$ ./mpdemo run " + steps.get(i).id() + " --time-scale 0.01");
            assertTrue(run > step, "step " + (i + 1) + " ran nothing:\n" + text);
            // the walkthrough's own lines, before the demo runs, fit 80 columns
            for (String line : lines.subList(step, run)) assertTrue(line.length() <= 80, line);
            String program = steps.get(i).mainClass().getSimpleName() + ".java):";
            List<String> shown = lines.subList(step, run);
            assertTrue(i == 0 ? shown.contains("The program (" + program)
                    : shown.contains("What changed in the code (- removed, + added):")
                            || shown.contains("A new program (" + program), text);
            assertTrue(lines.subList(run, lines.size()).contains("What happened, and why"), text);
            at = run;
        }
        assertTrue(lines.get(lines.size() - 1).startsWith("That was the last step."), text);
        if (topic.equals("races")) {
            // before the free-running bank program, the tutorial's three sequences, forced and drawn
            for (String[] forced : new String[][] {{"1,2,1,2", "101"}, {"2,1,2,1", "99"}, {"1,1,2,2", "100"}}) {
                int run = lines.indexOf("$ ./mpdemo run bank-race --ops 1 --schedule " + forced[0]
                        + " --diagram --time-scale 0.01");
                assertTrue(run > 0, forced[0] + " not run:\n" + text);
                assertEquals("The value at the end of the round: " + forced[1], lines.get(run + 20), text);
            }
        }
        assertTrue(!text.contains("Press Enter"), "--no-pause never asks for Enter");
    }

    @Test
    void unknownTopicIsOneLineAndStatus2() {
        MpdemoTest.Result result = MpdemoTest.mpdemo("walkthrough", "semaphor");
        assertEquals(2, result.status());
        assertEquals(List.of("mpdemo: unknown topic 'semaphor'; did you mean: semaphore?"), result.errLines());
    }
}
