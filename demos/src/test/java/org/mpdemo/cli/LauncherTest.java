package org.mpdemo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's report of a failed build ({@code build_errors} in {@code ./mpdemo}, sourced by bash): the compiler's
 * own lines, once each, as file:line:column, not only where Maven's log is.
 */
class LauncherTest {
    @TempDir
    Path dir;

    List<String> buildErrors(List<String> log) throws Exception {
        Path file = dir.resolve("build.log");
        Files.write(file, log, StandardCharsets.UTF_8);
        Path launcher = Path.of("..", "mpdemo").toRealPath();
        Process bash = new ProcessBuilder("bash", "-c", "source \"$1\"; build_errors \"$2\"", "bash",
                launcher.toString(), file.toString()).redirectErrorStream(true).start();
        bash.getOutputStream().close();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bash.waitFor(30, TimeUnit.SECONDS), "bash did not end");
        assertEquals(0, bash.exitValue(), out);
        return out.lines().toList();
    }

    @Test
    void aCompileErrorIsShownAsTheCompilerSaidItOnce() throws Exception {
        String root = Path.of("..").toRealPath() + "/";
        String file = root + "demos/src/main/java/org/mpdemo/demos/basics/PoolMap.java";
        List<String> shown = buildErrors(List.of(
                "[INFO] Scanning for projects...",
                "[ERROR] COMPILATION ERROR : ",
                "[ERROR] " + file + ":[26,9] cannot find symbol",
                "  symbol:   method foo()",
                "  location: class org.mpdemo.demos.basics.PoolMap",
                "[ERROR] " + file + ":[30,5] ';' expected",
                "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.13.0:compile "
                        + "(default-compile) on project mpdemo-demos: Compilation failure: Compilation failure: ",
                "[ERROR] " + file + ":[26,9] cannot find symbol",
                "  symbol:   method foo()"));
        assertEquals(List.of(
                "demos/src/main/java/org/mpdemo/demos/basics/PoolMap.java:26:9: cannot find symbol",
                "    symbol:   method foo()",
                "demos/src/main/java/org/mpdemo/demos/basics/PoolMap.java:30:5: ';' expected"), shown);
    }

    @Test
    void anotherFailureShowsMavensFirstErrorLines() throws Exception {
        assertEquals(List.of("Failed to execute goal on project mpdemo-demos: Could not resolve dependencies",
                "-> [Help 1]"), buildErrors(List.of("[INFO] x",
                "[ERROR] Failed to execute goal on project mpdemo-demos: Could not resolve dependencies",
                "[ERROR] -> [Help 1]", "[ERROR] ")));
    }
}
