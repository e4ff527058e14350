package org.mpdemo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mpdemo.classroom.Expectations;
import org.mpdemo.demos.DemoCatalog;
import org.mpdemo.demos.DemoInfo;

@Timeout(600)
class VerifyCommandTest {

    @Test
    void everyDemoInTheCatalogHasADocumentedBehaviour() {
        for (DemoInfo demo : DemoCatalog.all()) {
            assertTrue(Expectations.of(demo.id()).isPresent(), demo.id() + " has no entry in Expectations");
        }
    }

    /** Every demo behaves as documented on this machine: the whole of 'mpdemo verify', as a user runs it. */
    @Test
    void everyDemoBehavesAsDocumented() {
        MpdemoTest.Result result = MpdemoTest.mpdemo("verify");
        assertEquals(0, result.status(), result.out() + result.err());
        assertEquals("", result.err());
        List<String> lines = result.out().lines().toList();
        assertEquals(DemoCatalog.all().size() + " of " + DemoCatalog.all().size()
                + " demos behaved as documented", lines.get(lines.size() - 1).replaceAll(" \\(\\d+ s\\)\\.$", ""));
        for (String line : lines) assertTrue(line.length() <= 80, line);
        for (DemoInfo demo : DemoCatalog.all()) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(demo.id() + " ") && l.endsWith("  ok")),
                    demo.id() + " has no ok row:\n" + result.out());
        }
    }

    /**
     * A demo that does not show its documented behaviour fails verify, which names it: here lock-error-callback
     * is held to what semaphore-error-callback documents (its own message, with "Semaphore").
     */
    @Test
    void aDemoThatMisbehavesFailsVerifyNamingIt() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = Mpdemo.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        VerifyCommand verify = cli.getSubcommands().get("verify").getCommand();
        verify.expectations = id -> Expectations.of("semaphore-error-callback");

        int status = cli.execute("verify", "lock-error-callback", "pool-map");

        assertEquals(1, status);
        assertEquals(List.of("mpdemo: verify: 2 demos did not behave as documented: lock-error-callback, pool-map"),
                err.toString().lines().toList());
        String report = out.toString();
        String flat = report.replaceAll("\\s+", " ");
        assertTrue(flat.contains("lock-error-callback expected: 'Semaphore objects should only be shared…' FAIL"),
                report);
        assertTrue(flat.contains("observed: line 1 of standard output: expected 'Semaphore objects should only be "
                + "shared between processes through inheritance', got 'Lock objects should only be shared "
                + "between processes through inheritance'"), report);
        assertTrue(report.lines().anyMatch(l -> l.startsWith("lock-error-callback ") && l.endsWith("FAIL")), report);
        assertTrue(report.lines().anyMatch(l -> l.startsWith("pool-map ") && l.endsWith("FAIL")), report);
        assertTrue(report.lines().toList().get(report.lines().toList().size() - 1)
                .matches("0 of 2 demos behaved as documented \\(\\d+ s\\)\\."), report);
    }

    @Test
    void unknownDemoIsAUsageError() {
        MpdemoTest.Result result = MpdemoTest.mpdemo("verify", "pool-mapp");
        assertEquals(2, result.status());
        assertEquals(List.of("mpdemo: unknown demo 'pool-mapp'; did you mean: pool-map?"), result.errLines());
    }
}
