package org.mpdemo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpdemo.classroom.DemoProcess;

/** {@code mpdemo step}: the class is the scheduler, with its choices piped on standard input. */
class StepCommandTest {
    @TempDir
    Path dir;

    record Result(int status, List<String> out, String err) {
    }

    Result step(String input, String... args) throws Exception {
        Path in = dir.resolve("in.txt");
        Files.writeString(in, input, StandardCharsets.UTF_8);
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process process = new ProcessBuilder(DemoProcess.cli(args)).redirectInput(in.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "step did not end in 120 s");
        return new Result(process.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void theTutorialsLostUpdateChosenStepByStepEndsWith101() throws Exception {
        Result r = step("1\n2\n1\n2\n", "step", "bank-race", "--ops", "1");
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
        assertEquals("Final balance = 101", r.out().get(r.out().size() - 1));
        // each step shows each process's next access and the line of the program that makes it
        assertEquals("Step 1. The shared value, as last read or written: not read yet", r.out().get(1));
        assertEquals("  1  read value    BankRace.java:36  balance.setInt(balance.getInt() - 1);", r.out().get(2));
        assertEquals("  2  read value    BankRace.java:43  balance.setInt(balance.getInt() + 1);", r.out().get(3));
        assertTrue(r.out().contains("Step 3. The shared value, as last read or written: 100"), r.out().toString());
        assertTrue(r.out().contains("            |                         |<------ write 101 -------|"),
                "the diagram: " + r.out());
    }

    @Test
    void badChoicesGetAHintAndTheRoundGoesOn() throws Exception {
        Result r = step("x\n3\n1\n2\n1\n1\n1\n2\n2\n2\n", "step", "bank-lock", "--ops", "1");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("Type a process number, or Enter for 1."), r.out().toString());
        assertTrue(r.out().contains("There is no process 3: this round has 2."), r.out().toString());
        assertTrue(r.out().stream().anyMatch(l -> l.matches("Process 2 cannot go: it is blocked, waiting for "
                + "lock-\\d+-\\d+\\.")), r.out().toString());
        assertEquals("Final balance = 100", r.out().get(r.out().size() - 1));
    }

    @Test
    void theLostUpdateGoalCountsOnlyTheChoicesThatWereNotTheSuggestion() throws Exception {
        Result r = step("\n2\n\n\n", "step", "bank-race", "--ops", "1", "--goal", "lost-update");
        assertEquals(0, r.status(), r.err());
        List<String> last = r.out().subList(r.out().size() - 2, r.out().size());
        assertEquals(List.of("Goal reached with 1 choice of your own: an update was lost.", "Final balance = 101"),
                last);
        Result right = step("", "step", "bank-race", "--ops", "1", "--goal", "lost-update");
        assertEquals("Goal not reached: the balance is right. Try again.", right.out().get(right.out().size() - 2));
    }

    /**
     * kill -9 of the main process while it waits for the class's choice: the round's two children, stopped at their
     * first switch point, end, and nothing of the program is left in /dev/shm.
     */
    @Test
    void killingTheMainProcessDuringStepLeavesNoChildAndNoSegment() throws Exception {
        Process main = new ProcessBuilder(DemoProcess.cli("step", "bank-race", "--ops", "1"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(main.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) lines.add(line);
            } catch (java.io.IOException e) {
                // the process was killed: nothing more to read
            }
        });
        reader.start();
        // the first step is shown once both children wait at a switch point: then the main process waits for stdin
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        List<String> seen = new java.util.ArrayList<>();
        while (seen.stream().noneMatch(l -> l.startsWith("  2  read value"))) {
            String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            assertTrue(line != null, "no first step within 120 s: " + seen);
            seen.add(line);
        }
        List<ProcessHandle> children = main.toHandle().children().filter(ProcessHandle::isAlive).toList();
        assertTrue(children.size() >= 2, "the round's children: " + children);
        main.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        for (ProcessHandle child : children) child.onExit().get(30, TimeUnit.SECONDS);
        reader.join(30_000);
        try (var shm = Files.list(Path.of("/dev/shm"))) {
            assertEquals(List.of(), shm.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith("mpdemo-" + main.pid() + "-")).toList());
        }
    }

    @Test
    void aDemoThatIsNotABankDemoOrABadGoalIsRefused() throws Exception {
        Result r = step("", "step", "pool-map");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("mpdemo: step plays the bank demos"), r.err());
        Result goal = step("", "step", "bank-race", "--goal", "win");
        assertEquals(2, goal.status());
        assertEquals("mpdemo: --goal: the one goal is lost-update (got 'win')\n", goal.err());
    }
}
