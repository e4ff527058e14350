package org.mpdemo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

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
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Mpdemo.class.getName()));
        command.addAll(List.of(args));
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

    @Test
    void syncReraiseDemoEndsWithTheErrorAndStatus1() throws Exception {
        Outcome outcome = mpdemo("run", "lock-sync-reraise");
        assertEquals(1, outcome.status(), outcome.err());
        assertEquals("", outcome.out());
        List<String> errLines = outcome.err().lines().toList();
        assertEquals("SharingError: Lock objects should only be shared between processes through inheritance",
                errLines.get(errLines.size() - 1), outcome.err());
    }
}
