package org.mpdemo.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class JavadocTextTest {

    @Test
    void markupBecomesPlainParagraphs() {
        JavadocText doc = JavadocText.parse("""
                /**
                 * A {@link Lock} handed to tasks; see {@link #init} and {@link Pool#map(Function, List) map}.
                 *
                 * <p>Expect ten lines {@code Task <i> completed with <value>}, and {@code new int[]{1}} &lt; 2.
                 * An <em>Event</em> fixes it.
                 *
                 * <p>Run: {@code ./mpdemo run x}
                 *
                 * @see Other
                 */""");
        assertEquals(List.of(
                "A Lock handed to tasks; see init and map.",
                "Expect ten lines Task <i> completed with <value>, and new int[]{1} < 2. An Event fixes it.",
                "Run: ./mpdemo run x"), doc.paragraphs());
        assertEquals("A Lock handed to tasks; see init and map.", doc.summary());
        assertEquals(List.of(doc.paragraphs().get(1)), doc.explanation());
        assertEquals(doc.paragraphs().get(1), doc.expect());
        assertEquals("Expect ten lines <code>Task &lt;i&gt; completed with &lt;value&gt;</code>, and "
                + "<code>new int[]{1}</code> &lt; 2. An Event fixes it.", doc.htmlParagraphs().get(1));
        assertEquals(List.of(doc.htmlParagraphs().get(1)), doc.htmlExplanation());
    }

    @Test
    void theSourceSplitsIntoCommentAndProgram() {
        DemoSource source = DemoSource.parse("X.java", """
                package a;

                import b.C;

                /**
                 * Does x.
                 *
                 * <p>Expect y.
                 */
                // tag::program[]
                public final class X {
                    // tag::task[]
                    static void task() {
                    }
                    // end::task[]
                }
                // end::program[]
                """);
        assertEquals("Does x.", source.javadoc().summary());
        assertEquals(List.of("public final class X {", "    static void task() {", "    }", "}"), source.program());
        assertEquals(10, source.programLines()[0]);
        assertEquals(17, source.programLines()[1]);
        assertEquals(true, source.hasTag("task"));
        assertEquals(false, source.hasTag("main"));
    }
}
