package org.mpdemo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mpdemo.classroom.DemoSource;
import org.mpdemo.demos.DemoCatalog;
import org.mpdemo.demos.DemoInfo;

class ExplainCommandTest {

    static Stream<DemoInfo> demos() {
        return DemoCatalog.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("demos")
    void everyDemoIsExplainedInEightyColumns(DemoInfo demo) {
        MpdemoTest.Result result = MpdemoTest.mpdemo("explain", demo.id());
        assertEquals(0, result.status(), result.err());
        assertEquals("", result.err());
        List<String> lines = result.out().lines().toList();
        for (String line : lines) assertTrue(line.length() <= 80, line.length() + ": " + line);
        assertEquals(demo.id() + " (" + demo.topic() + ")", lines.get(0));
        assertEquals("Run: ./mpdemo run " + demo.id(), lines.get(lines.size() - 1));
        assertTrue(lines.contains("What the program does"), result.out());
        assertTrue(lines.contains("What to expect, and why"), result.out());
        // a bank demo says how to force its interleavings, with the tutorial's three schedules
        boolean bank = demo.id().startsWith("bank-");
        assertEquals(bank, lines.contains("Forcing the interleaving"), result.out());
        if (bank) assertTrue(lines.contains("  ./mpdemo run " + demo.id() + " --ops 1 --schedule 1,2,1,2"), result.out());

        // the Expect paragraph, from the class comment, with its markup turned into text
        String text = String.join(" ", lines).replaceAll("\\s+", " ");
        DemoSource source = DemoSource.of(demo.mainClass());
        String expect = source.javadoc().expect();
        assertTrue(expect.contains("Expect"), demo.id() + " has no Expect paragraph");
        assertTrue(text.contains(expect), expect);
        // a demo that ends with SharingError says plainly that it is CPython's RuntimeError under this kit's name
        boolean reraises = demo.id().endsWith("-sync-reraise");
        assertEquals(reraises, text.contains("SharingError is this kit's name for the RuntimeError CPython raises "
                + "here."), demo.id());
        for (String markup : List.of("{@code", "{@link", "<p>", "&lt;")) {
            assertFalse(text.contains(markup), markup + " in: " + text);
        }

        // the program, read from the class's own source file: its declaration, its main, no imports
        assertTrue(lines.contains("  public final class " + demo.mainClass().getSimpleName() + " {"), result.out());
        assertTrue(lines.stream().anyMatch(l -> l.strip().startsWith("public static void main(")), result.out());
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("import ") || l.startsWith("package ")),
                result.out());
        assertTrue(lines.stream().noneMatch(l -> l.contains("// tag::") || l.contains("// end::")), result.out());
    }

    @Test
    void unknownDemoIsOneLineAndStatus2() {
        MpdemoTest.Result result = MpdemoTest.mpdemo("explain", "lock-eror-callback");
        assertEquals(2, result.status());
        assertEquals("", result.out());
        assertEquals(List.of("mpdemo: unknown demo 'lock-eror-callback'; did you mean: lock-error-callback?"),
                result.errLines());
    }

    /** Off a terminal (80 columns) the twin comes after the program; on a wide one, beside it. */
    @Test
    void thePythonTwinIsShownAfterOrBesideTheProgram() {
        MpdemoTest.Result result = MpdemoTest.mpdemo("explain", "lock-error-callback", "--python");
        assertEquals(0, result.status(), result.err());
        List<String> lines = result.out().lines().toList();
        int twin = lines.indexOf("The Python twin (lock_error_callback.py)");
        assertTrue(twin > lines.indexOf("Run: ./mpdemo run lock-error-callback"), result.out());
        assertTrue(lines.contains("      print(error, flush=True)"), result.out());
        for (String line : lines) assertTrue(line.length() <= 80, line.length() + ": " + line);

        DemoInfo demo = DemoCatalog.find("lock-error-callback").orElseThrow();
        List<String> wide = org.mpdemo.classroom.Explanation.beside(demo,
                org.mpdemo.classroom.PythonTwin.of(demo).orElseThrow(), 200, false);
        assertTrue(wide.get(0).startsWith("  Java (LockErrorCallback.java)"), wide.get(0));
        assertTrue(wide.get(0).endsWith(" | Python (lock_error_callback.py)"), wide.get(0));
        assertTrue(wide.stream().anyMatch(l -> l.matches(" +System\\.out\\.println\\(error\\.getMessage\\(\\)\\); +\\|")),
                String.join("\n", wide));
        assertTrue(wide.stream().anyMatch(l -> l.matches(".* \\|     print\\(error, flush=True\\)")),
                String.join("\n", wide));
        for (String line : wide) assertTrue(line.length() <= 200, line);
    }
}
