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
 * {@code source <(mpdemo generate-completion)} in bash, as a user would: the completion function is called with a
 * half-typed word, and what it offers is read back.
 */
class CompletionTest {
    @TempDir
    Path dir;

    /** What bash's completion offers for the last word of {@code line}. */
    List<String> complete(String line) throws Exception {
        MpdemoTest.Result script = MpdemoTest.mpdemo("generate-completion");
        assertEquals(0, script.status(), script.err());
        Path file = dir.resolve("mpdemo-completion.bash");
        Files.writeString(file, script.out(), StandardCharsets.UTF_8);
        // compopt only works inside a real completion; outside one it would only complain
        String shell = "compopt() { :; }; source '" + file + "'; line='" + line + "'; read -ra COMP_WORDS <<< \"$line\"; "
                + "[[ $line == *' ' ]] && COMP_WORDS+=(''); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); "
                + "COMP_LINE=$line; COMP_POINT=${#line}; _complete_mpdemo mpdemo; printf '%s\\n' \"${COMPREPLY[@]}\"";
        Process bash = new ProcessBuilder("bash", "-c", shell).redirectErrorStream(true).start();
        bash.getOutputStream().close();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bash.waitFor(30, TimeUnit.SECONDS), "bash did not end");
        assertEquals(0, bash.exitValue(), out);
        return out.lines().filter(l -> !l.isEmpty()).toList();
    }

    @Test
    void demoIdsCompleteForEveryCommandThatTakesOne() throws Exception {
        assertEquals(List.of("bank-race", "bank-lock", "bank-atomic"), complete("mpdemo run bank-"));
        assertEquals(List.of("lock-sync-reraise"), complete("mpdemo explain lock-sy"));
        assertEquals(List.of("pool-worker-crash", "pool-map", "pool-pids"), complete("mpdemo verify pool-"));
    }

    @Test
    void exploreAndStepOfferOnlyTheBankDemos() throws Exception {
        assertEquals(List.of("bank-race", "bank-lock", "bank-atomic"), complete("mpdemo explore "));
        assertEquals(List.of("bank-race"), complete("mpdemo step bank-r"));
    }

    @Test
    void walkthroughTopicsComplete() throws Exception {
        assertEquals(List.of("races"), complete("mpdemo walkthrough ra"));
    }
}
