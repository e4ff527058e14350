package org.mpdemo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mpdemo.classroom.DemoProcess;
import org.mpdemo.demos.DemoCatalog;
import org.mpdemo.demos.DemoInfo;

/**
 * The interactive commands (walkthrough, step) on a real terminal: tmux gives them a pseudo-terminal, the test
 * reads the screen and types. Every wait is for something to appear on the screen, polled with a generous
 * deadline — never a fixed sleep.
 */
@Timeout(240)
class WalkthroughTerminalTest {
    static final long DEADLINE_SECONDS = 90;

    @TempDir
    Path dir;

    final String socket = "mpdemo-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    final String session = "walkthrough";

    @Test
    void pausesBeforeAndAfterEachStepAndStartsEachOnAClearScreen() throws Exception {
        start("WALKTHROUGH", "walkthrough", "basics", "--time-scale", "0.01");

        List<String> ids = DemoCatalog.all().stream().filter(d -> d.topic().equals("basics")).map(DemoInfo::id)
                .toList();
        int steps = ids.size();
        assertTrue(steps >= 2, "basics has several steps");

        for (int step = 1; step <= steps; step++) {
            String id = ids.get(step - 1);
            String header = "Step " + step + " of " + steps + ": " + id;
            // the step's program is shown and the walkthrough waits; nothing has run
            String screen = await(s -> s.contains(header) && lastLine(s).startsWith("Press Enter to run it..."));
            assertFalse(screen.contains("$ ./mpdemo run"), "ran before Enter, or the screen was not cleared:\n"
                    + screen);
            tmux("send-keys", "-t", session, "Enter");
            if (step < steps) {
                // it ran, and the result and its reason stay on the screen until Enter
                screen = await(s -> lastLine(s).startsWith("Press Enter for the next step..."));
                assertTrue(screen.contains("$ ./mpdemo run " + id + " --time-scale 0.01"), screen);
                assertTrue(screen.contains("(exit status 0)") && screen.contains("What happened, and why"), screen);
                tmux("send-keys", "-t", session, "Enter");
            }
        }
        String screen = await(s -> s.contains("WALKTHROUGH-EXIT="));
        assertTrue(screen.contains("WALKTHROUGH-EXIT=0"), screen);
        assertTrue(screen.contains("$ ./mpdemo run " + ids.get(steps - 1) + " --time-scale 0.01"), screen);
        assertTrue(screen.contains("That was the last step."), screen);
        assertFalse(screen.contains("Press Enter for the next step..."), "the last step has no next:\n" + screen);
    }

    /**
     * The comments that give the answer away are not on the screen while the class predicts; after the run they
     * are, each above the code it is about.
     */
    @Test
    void theAnswersInTheCodeComeOnlyAfterTheRun() throws Exception {
        start("WALKTHROUGH", "walkthrough", "lock", "--time-scale", "0.01");
        String screen = await(s -> s.contains("Step 1 of ") && lastLine(s).startsWith("Press Enter to run it..."));
        assertTrue(screen.contains(": lock-silent-failure"), screen);
        assertTrue(screen.contains("static void task(int identifier, Lock lock) {"), "the program is shown:\n" + screen);
        assertFalse(screen.contains("Answer:") || screen.contains("never runs") || screen.contains("mistake"),
                "an answer before the run:\n" + screen);
        tmux("send-keys", "-t", session, "Enter");
        screen = await(s -> lastLine(s).startsWith("Press Enter for the next step..."));
        String after = screen.substring(screen.indexOf("What happened, and why"));
        assertTrue(after.contains("In the code: the comments held back before the run\n\n"
                + "  // Answer: it never runs: every task fails before it reaches a worker\n"
                + "  static void task(int identifier, Lock lock) {\n"), after);
        assertTrue(after.contains("  // Answer: each task's arguments hold the lock, and that is the mistake\n"
                + "  var items = range(tasks(10)).map(i -> args(i, lock)).toList();\n"), after);
        assertEquals(3, count(after, "// Answer:"), after);
    }

    /**
     * Ctrl-C while a step runs skips it and asks whether to go on, leaving no demo process behind; Ctrl-C at a prompt
     * ends the walkthrough, as it ends any command.
     */
    @Test
    void ctrlCDuringAStepSkipsItAndAsksWhetherToGoOn() throws Exception {
        start("WALKTHROUGH", "walkthrough", "races");
        int steps = (int) DemoCatalog.all().stream().filter(d -> d.topic().equals("races")).count();

        await(s -> s.contains("Step 1 of " + steps + ": bank-race") && lastLine(s).startsWith("Press Enter to run"));
        tmux("send-keys", "-t", session, "Enter");
        // the first forced sequence is running (ten rounds of two child JVMs): interrupt it
        await(s -> s.contains("$ ./mpdemo run bank-race --ops 1 --schedule 1,2,1,2 --diagram"));
        tmux("send-keys", "-t", session, "C-c");
        String screen = await(s -> lastLine(s).startsWith("Go on with the next step? [Y/n]"));
        assertTrue(screen.contains("(step 1 skipped with Ctrl-C)"), screen);
        assertFalse(screen.contains("What happened, and why"), "a skipped step has no explanation:\n" + screen);
        assertFalse(screen.contains("--schedule 2,1,2,1"), "the rest of the step ran:\n" + screen);
        awaitNoProcess("bank-race");

        tmux("send-keys", "-t", session, "Enter");
        await(s -> s.contains("Step 2 of " + steps + ": ") && lastLine(s).startsWith("Press Enter to run it..."));
        tmux("send-keys", "-t", session, "C-c");
        screen = await(s -> s.contains("WALKTHROUGH-EXIT="));
        assertTrue(screen.contains("WALKTHROUGH-EXIT=130"), screen);
    }

    /** {@code mpdemo step} on a terminal: the class types each choice; Enter alone takes the suggested one. */
    @Test
    void stepOnATerminalTakesTypedChoicesAndEndsWithTheDiagram() throws Exception {
        start("STEP", "step", "bank-race", "--ops", "1");
        // the tutorial's lost update, typed one choice at a time, each once the step asks for it
        String[] choices = {"1", "2", "1", "2"};
        for (int step = 1; step <= choices.length; step++) {
            String asked = "Step " + step + ". ";
            await(s -> s.contains(asked) && lastLine(s).startsWith("Which process goes next?"));
            tmux("send-keys", "-t", session, choices[step - 1], "Enter");
        }
        String screen = await(s -> s.contains("STEP-EXIT="));
        assertTrue(screen.contains("STEP-EXIT=0"), screen);
        assertTrue(screen.contains("            |                         |<------ write 101 -------|"), screen);
        assertTrue(screen.contains("Final balance = 101"), screen);
    }

    /** Waits until no process has {@code id} among its arguments (a demo's JVM, or one of its children). */
    static void awaitNoProcess(String id) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (true) {
            List<ProcessHandle> left = ProcessHandle.allProcesses().filter(p -> p.info().arguments()
                    .map(a -> List.of(a).contains(id)).orElse(false)).toList();
            if (left.isEmpty()) return;
            if (System.nanoTime() > deadline) fail("still running after Ctrl-C: " + left);
            left.get(0).onExit().get(DEADLINE_SECONDS, TimeUnit.SECONDS);
        }
    }

    /**
     * Runs {@code mpdemo ARGS} in a tmux session, then prints {@code MARKER-EXIT=<status>} and stays, so that the
     * screen can still be read. The pane is tall enough to hold a whole step: the tests read what is on the screen
     * now, not the scrollback.
     */
    void start(String marker, String... args) throws Exception {
        requireTmux();
        Path script = dir.resolve("session.sh");
        Files.writeString(script, "cd " + quote(dir.toString()) + "\n"
                + String.join(" ", DemoProcess.cli(args).stream().map(WalkthroughTerminalTest::quote).toList()) + "\n"
                + "echo \"" + marker + "-EXIT=$?\"\n"
                + "exec sleep 600\n", StandardCharsets.UTF_8);
        tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "150", "bash " + quote(script.toString()));
    }

    /** The last line with something on it: what the walkthrough is waiting at. */
    static String lastLine(String screen) {
        List<String> lines = screen.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) n++;
        return n;
    }

    /** The whole screen and its history once {@code ready} holds; fails with the screen after the deadline. */
    String await(Predicate<String> ready) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        String screen = "";
        while (System.nanoTime() < deadline) {
            screen = tmux("capture-pane", "-p", "-J", "-t", session);
            if (ready.test(screen)) return screen;
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100)); // polling interval, not a wait for an event
        }
        fail("the screen did not show what was awaited within " + DEADLINE_SECONDS + " s:\n" + screen);
        return screen;
    }

    String tmux(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    @AfterEach
    void killSession() throws Exception {
        if (tmuxInstalled()) {
            Process kill = new ProcessBuilder("tmux", "-L", socket, "kill-server").redirectErrorStream(true).start();
            kill.getInputStream().readAllBytes();
            kill.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Skips without tmux, saying so; under CI ({@code CI=true}, where .ci/run installs it) fails instead. */
    static void requireTmux() {
        if (tmuxInstalled()) return;
        if ("true".equals(System.getenv("CI"))) fail("tmux is not installed, and CI must run this test");
        Assumptions.abort("walkthrough terminal test skipped: tmux is not installed (Debian: apt install tmux)");
    }

    static boolean tmuxInstalled() {
        try {
            Process p = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
