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
 * The interactive walkthrough on a real terminal: tmux gives it an 80 × 40 pseudo-terminal, the test reads the
 * screen and presses Enter. Every wait is for something to appear on the screen, polled with a generous
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
    void pausesBeforeEachStepAndEnterResumesIt() throws Exception {
        Assumptions.assumeTrue(tmuxInstalled(), "tmux is not installed");
        Path script = dir.resolve("walkthrough.sh");
        List<String> command = DemoProcess.cli("walkthrough", "basics", "--time-scale", "0.01");
        Files.writeString(script, "cd " + quote(dir.toString()) + "\n"
                + String.join(" ", command.stream().map(WalkthroughTerminalTest::quote).toList()) + "\n"
                + "echo \"WALKTHROUGH-EXIT=$?\"\n"
                + "exec sleep 600\n", StandardCharsets.UTF_8);
        tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "40", "bash " + quote(script.toString()));

        List<String> ids = DemoCatalog.all().stream().filter(d -> d.topic().equals("basics")).map(DemoInfo::id)
                .toList();
        int steps = ids.size();
        assertTrue(steps >= 2, "basics has several steps");

        // step 1: the program is shown and the walkthrough waits; nothing has run
        String screen = await(s -> s.contains("Step 1 of " + steps + ": " + ids.get(0)) && endsWithPrompt(s, 1));
        assertTrue(screen.contains("The program ("), screen);
        assertFalse(screen.contains("$ ./mpdemo run"), "ran before Enter:\n" + screen);

        for (int step = 2; step <= steps; step++) {
            // Enter runs the step before; it ends, then the next step is shown and waits, not yet run
            tmux("send-keys", "-t", session, "Enter");
            int n = step;
            screen = await(s -> s.contains("Step " + n + " of " + steps + ": " + ids.get(n - 1))
                    && endsWithPrompt(s, n));
            assertTrue(screen.contains("$ ./mpdemo run " + ids.get(step - 2) + " --time-scale 0.01"), screen);
            assertEquals(step - 1, count(screen, "(exit status "), screen);
            assertFalse(screen.contains("$ ./mpdemo run " + ids.get(step - 1)), "ran before Enter:\n" + screen);
        }
        tmux("send-keys", "-t", session, "Enter");
        screen = await(s -> s.contains("WALKTHROUGH-EXIT="));
        assertTrue(screen.contains("WALKTHROUGH-EXIT=0"), screen);
        assertTrue(screen.contains("That was the last step."), screen);
        assertEquals(steps, count(screen, "(exit status 0)"), screen);
    }

    /** The last non-blank line is the n-th prompt: the walkthrough is waiting for Enter. */
    static boolean endsWithPrompt(String screen, int n) {
        List<String> lines = screen.lines().filter(l -> !l.isBlank()).toList();
        return count(screen, "Press Enter to run it...") == n
                && !lines.isEmpty() && lines.get(lines.size() - 1).startsWith("Press Enter to run it...");
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
            screen = tmux("capture-pane", "-p", "-J", "-S", "-", "-t", session);
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
