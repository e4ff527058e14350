package org.mpdemo.classroom;

import java.util.ArrayList;
import java.util.List;
import org.mpdemo.demos.DemoInfo;

/**
 * What {@code mpdemo explain ID} prints: what the program does, what to expect and why (both from the demo's
 * class comment), the program itself (from its source file) and how to run it — in {@link Columns#WIDTH}
 * columns.
 */
public final class Explanation {
    static final String INDENT = "  ";

    private Explanation() {
    }

    public static List<String> lines(DemoInfo demo, boolean colour) {
        DemoSource source = DemoSource.of(demo.mainClass());
        JavadocText doc = source.javadoc();
        List<String> out = new ArrayList<>();
        out.add(Terminal.bold(demo.id(), colour) + " (" + demo.topic() + ")");
        out.addAll(Columns.wrap(demo.summary(), Columns.WIDTH, INDENT));
        out.add("");
        out.add(Terminal.bold("What the program does", colour));
        out.addAll(Columns.wrap(doc.summary(), Columns.WIDTH, INDENT));
        out.add("");
        out.add(Terminal.bold("What to expect, and why", colour));
        out.addAll(paragraphs(doc.explanation()));
        out.add("");
        out.add(Terminal.bold("The program", colour) + " (" + source.fileName() + ", without its imports)");
        out.add("");
        out.addAll(code(source.program()));
        out.add("");
        if (demo.topic().equals("races") && demo.id().startsWith("bank-")) {
            out.add(Terminal.bold("Forcing the interleaving", colour));
            out.addAll(Columns.wrap("With --ops 1 each process makes one update: one read and one write of the "
                    + "balance. --schedule names the process that makes the next shared access (1 is the first one "
                    + "started), and explore runs every schedule:", Columns.WIDTH, INDENT));
            for (ForcedSequence sequence : ForcedSequence.TUTORIAL) {
                out.add(INDENT + "./mpdemo run " + demo.id() + " " + String.join(" ", sequence.options()));
            }
            out.add(INDENT + "./mpdemo explore " + demo.id() + " --ops 1");
            out.add("");
        }
        List<String> takes = new ArrayList<>(DemoOptions.takenBy(demo));
        if (demo.outcomes() != null) takes.addAll(List.of("--schedule", "--diagram"));
        out.addAll(Columns.wrap("Settings it takes: " + (takes.isEmpty() ? "none beyond those of every run (--trace, "
                + "--timeline, --runs)" : String.join(", ", takes)) + ".", Columns.WIDTH, ""));
        out.add(runLine(demo));
        return out;
    }

    /**
     * The Java program and its Python twin: in two columns when both fit {@code width} unwrapped, else the twin
     * after the program.
     */
    public static List<String> beside(DemoInfo demo, PythonTwin twin, int width, boolean colour) {
        List<String> java = DemoSource.of(demo.mainClass()).program();
        List<String> python = twin.program();
        int left = java.stream().mapToInt(String::length).max().orElse(0);
        int right = python.stream().mapToInt(String::length).max().orElse(0);
        List<String> out = new ArrayList<>();
        String gap = " | ";
        if (INDENT.length() + left + gap.length() + right <= width) {
            String javaTitle = "Java (" + DemoSource.of(demo.mainClass()).fileName() + ")";
            out.add(Terminal.bold(INDENT + pad(javaTitle, left) + gap + "Python (" + twin.fileName() + ")", colour));
            for (int i = 0; i < Math.max(java.size(), python.size()); i++) {
                String l = i < java.size() ? java.get(i) : "";
                String r = i < python.size() ? python.get(i) : "";
                out.add((INDENT + pad(l, left) + gap + r).stripTrailing());
            }
            return out;
        }
        out.add(Terminal.bold("The Python twin", colour) + " (" + twin.fileName() + ")");
        out.add("");
        out.addAll(code(python, width));
        return out;
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }

    /** Paragraphs wrapped and indented, a blank line between two. */
    public static List<String> paragraphs(List<String> paragraphs) {
        return paragraphs(paragraphs, Columns.WIDTH);
    }

    /** The same, wrapped to {@code width} columns. */
    public static List<String> paragraphs(List<String> paragraphs, int width) {
        List<String> out = new ArrayList<>();
        for (String paragraph : paragraphs) {
            if (!out.isEmpty()) out.add("");
            out.addAll(Columns.wrap(paragraph, width, INDENT));
        }
        return out;
    }

    /** Code lines, indented and wrapped to fit. */
    public static List<String> code(List<String> program) {
        return code(program, Columns.WIDTH);
    }

    /** The same, wrapped to {@code width} columns. */
    public static List<String> code(List<String> program, int width) {
        List<String> out = new ArrayList<>();
        for (String line : program) {
            if (line.isBlank()) {
                out.add("");
                continue;
            }
            out.addAll(Columns.wrapCode(INDENT + line, width));
        }
        return out;
    }

    public static String runLine(DemoInfo demo) {
        return "Run: ./mpdemo run " + demo.id();
    }
}
