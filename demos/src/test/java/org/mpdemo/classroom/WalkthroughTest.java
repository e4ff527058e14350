package org.mpdemo.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a step shows of the change since the last one, on a projector's narrow terminal. */
class WalkthroughTest {
    static Walkthrough at(int width) {
        return new Walkthrough("lock", 1, false, false, new PrintWriter(new StringWriter()),
                new BufferedReader(new StringReader("")), width, false);
    }

    static DemoSource source(String name, String... body) {
        return DemoSource.parse(name + ".java", "package p;\n\npublic final class " + name + " {\n"
                + String.join("\n", body) + "\n}\n");
    }

    @Test
    void commentsAreNoChange() {
        DemoSource before = source("First", "    // the mistake: the lock travels as an argument",
                "    static void f() {", "        run(1); // never runs", "    }");
        DemoSource after = source("Second", "    // reworded: this comment says something else now",
                "    static void f() {", "        run(1); // it runs now", "    }");
        assertEquals(List.of("What changed in the code (- removed, + added):",
                "  (nothing but the class name and the comments)"), at(80).changes(before, after));
        assertEquals(List.of("    static void f() {", "        run(1);"),
                Walkthrough.codeOnly(List.of("    /** A comment. */", "    static void f() {", "        run(1); // x",
                        "     * more comment")));
        // a // inside a string is code
        assertEquals(List.of("    print(\"a // b\");"), Walkthrough.codeOnly(List.of("    print(\"a // b\");")));
    }

    @Test
    void aWrappedDiffLineKeepsItsMarkerAndBreaksBetweenWords() {
        DemoSource before = source("First", "    static void f() {", "        run(1);", "    }");
        DemoSource after = source("Second", "    static void f() {",
                "        System.out.println(\"Task \" + identifier + \" completed with \" + str(value) + \" now\");",
                "    }");
        List<String> shown = at(60).changes(before, after);
        for (String line : shown) assertTrue(line.length() <= 60, line.length() + ": " + line);
        List<String> added = shown.stream().filter(l -> l.startsWith("  + ")).toList();
        assertTrue(added.size() >= 2, "the long line wraps: " + shown);
        assertEquals(List.of("  -         run(1);"), shown.stream().filter(l -> l.startsWith("  - ")).toList());
        // every piece of the added line is marked, and no word is cut
        String joined = String.join(" ", added.stream().map(l -> l.substring(4).strip()).toList());
        assertEquals("System.out.println(\"Task \" + identifier + \" completed with \" + str(value) + \" now\");",
                joined);
    }

    @Test
    void answersAreHeldBackUntilAfterTheRun() {
        DemoSource source = source("First",
                "    /** Would run. */",
                "    // Answer: it never runs,",
                "    // because the lock cannot travel",
                "    static void f() {",
                "        // a plain comment stays",
                "        run(1);",
                "        // Answer: that is the mistake",
                "",
                "        run(2);",
                "    }");
        assertEquals(List.of("public final class First {", "    /** Would run. */", "    static void f() {",
                "        // a plain comment stays", "        run(1);", "", "        run(2);", "    }", "}"),
                source.programBeforeRun());
        assertEquals(List.of(
                new DemoSource.Answer(List.of("    // Answer: it never runs,", "    // because the lock cannot travel"),
                        "    static void f() {"),
                new DemoSource.Answer(List.of("        // Answer: that is the mistake"), "        run(2);")),
                source.answers());
        // after the run: each answer, as far left as it goes, above the code it is about
        assertEquals(List.of("", "In the code: the comments held back before the run",
                "", "  // Answer: it never runs,", "  // because the lock cannot travel", "  static void f() {",
                "", "  // Answer: that is the mistake", "  run(2);"), at(80).answers(source));
        assertEquals(List.of(), at(80).answers(source("Second", "    static void f() {", "    }")));
    }
}
