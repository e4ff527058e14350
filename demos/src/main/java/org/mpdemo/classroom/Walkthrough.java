package org.mpdemo.classroom;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.mpdemo.demos.DemoCatalog;
import org.mpdemo.demos.DemoInfo;
import picocli.CommandLine.Help.Ansi.Style;

/**
 * A topic's demos in teaching order — the catalog's: the failures, then the fixes — for a class to follow on
 * one screen. Before each step: what the program does and what changed in its code since the last step (the
 * first step shows the whole program); the class predicts, and Enter runs it. After it: what happened and why.
 *
 * <p>Each step runs as {@code mpdemo run ID} in a JVM of its own, on the same terminal, so its output and exit
 * status are exactly what the command prints. (One JVM for all steps would not do: a program's start method,
 * once set, stays set — a later demo would run under the earlier one's.)
 */
public final class Walkthrough {
    private static final int CONTEXT = 2;

    private final String topic;
    private final List<DemoInfo> steps;
    private final double timeScale;
    private final boolean pause;
    private final boolean colour;
    private final PrintWriter out;
    private final BufferedReader in;

    /**
     * @param in where Enter is read from; at its end the walkthrough stops pausing (so a pipe or /dev/null
     *           never blocks it)
     */
    public Walkthrough(String topic, double timeScale, boolean pause, boolean colour, PrintWriter out,
                       BufferedReader in) {
        this.topic = topic;
        this.steps = DemoCatalog.all().stream().filter(d -> d.topic().equals(topic)).toList();
        this.timeScale = timeScale;
        this.pause = pause;
        this.colour = colour;
        this.out = out;
        this.in = in;
    }

    /** The topics, in the catalog's order. */
    public static List<String> topics() {
        Set<String> topics = new LinkedHashSet<>();
        for (DemoInfo demo : DemoCatalog.all()) topics.add(demo.topic());
        return List.copyOf(topics);
    }

    /** Runs every step, each demo's exit status shown after its output (whether it is right is verify's job). */
    public void run() throws IOException, InterruptedException {
        boolean pausing = pause;
        print(Terminal.bold("Walkthrough: " + topic + " (" + steps.size() + (steps.size() == 1 ? " step" : " steps")
                + ")", colour));
        print(Columns.wrap("Each step shows a program and what changed since the last one. Predict what it "
                + "will print and how it will end; then run it and see why.", Columns.WIDTH, ""));
        DemoSource previous = null;
        for (int i = 0; i < steps.size(); i++) {
            DemoInfo demo = steps.get(i);
            DemoSource source = DemoSource.of(demo.mainClass());
            JavadocText doc = source.javadoc();
            print("");
            String title = "Step " + (i + 1) + " of " + steps.size() + ": " + demo.id();
            print(Terminal.bold(title, colour));
            print("=".repeat(Math.min(Columns.WIDTH, title.length())));
            print(Columns.wrap(doc.summary(), Columns.WIDTH, ""));
            print("");
            if (previous == null || mostlyNew(previous, source)) {
                print((previous == null ? "The program (" : "A new program (") + source.fileName() + "):");
                print(Explanation.code(source.program()));
            } else {
                print(changes(previous, source));
            }
            print("");
            print(Terminal.paint("Predict: what will it print, and how will it end?", Style.fg_cyan, colour));
            if (pausing) {
                out.print("Press Enter to run it... ");
                out.flush();
                if (in.readLine() == null) {
                    pausing = false; // no one to press Enter: carry on without pausing
                    out.println();
                }
            }
            print("");
            if (demo.id().equals("bank-race")) forcedSequences(demo);
            print("$ ./mpdemo run " + demo.id() + (timeScale == 1 ? "" : " --time-scale " + number(timeScale)));
            out.flush();
            int status = runStep(demo);
            print(Terminal.paint("(exit status " + status + ")", Style.faint, colour));
            print("");
            print(Terminal.bold("What happened, and why", colour));
            print(Explanation.paragraphs(doc.explanation()));
            previous = source;
        }
        print("");
        List<String> topics = topics();
        int next = topics.indexOf(topic) + 1;
        print("That was the last step." + (next < topics.size()
                ? " Next topic: ./mpdemo walkthrough " + topics.get(next) : ""));
        out.flush();
    }

    /** Whether most of the program is new: then it is shown whole, a diff would be all minus and plus. */
    static boolean mostlyNew(DemoSource previous, DemoSource current) {
        List<String> old = renamed(previous, current);
        long kept = LineDiff.diff(old, current.program()).stream().filter(l -> l.kind() == ' ' && !l.text().isBlank())
                .count();
        long lines = current.program().stream().filter(l -> !l.isBlank()).count();
        return kept * 2 < lines;
    }

    /** The previous program with its class name changed to the current one's, which always changes. */
    private static List<String> renamed(DemoSource previous, DemoSource current) {
        String before = previous.fileName().replace(".java", "");
        String after = current.fileName().replace(".java", "");
        return previous.program().stream().map(l -> l.replace(before, after)).toList();
    }

    /** What changed since the previous step's program; its class name aside, which always changes. */
    List<String> changes(DemoSource previous, DemoSource current) {
        List<String> old = renamed(previous, current);
        List<LineDiff.Line> hunks = LineDiff.hunks(old, current.program(), CONTEXT);
        List<String> lines = new ArrayList<>();
        lines.add("What changed since the last step (- removed, + added):");
        if (hunks.isEmpty()) lines.add("  (nothing but the class name)");
        for (LineDiff.Line line : hunks) {
            for (String wrapped : Columns.wrapCode("  " + line.show(), Columns.WIDTH)) {
                lines.add(line.kind() == '-' ? Terminal.paint(wrapped, Style.fg_red, colour)
                        : line.kind() == '+' ? Terminal.paint(wrapped, Style.fg_green, colour) : wrapped);
            }
        }
        return lines;
    }

    /**
     * Before the free-running bank program: the tutorial's three sequence diagrams, each forced on every round by
     * a schedule with one update per process, and drawn from the run's trace.
     */
    private void forcedSequences(DemoInfo demo) throws IOException, InterruptedException {
        print(Columns.wrap("First, the tutorial's three sequence diagrams, forced: with --ops 1 each process reads "
                + "the balance once and writes it once, and --schedule says who makes the next access.",
                Columns.WIDTH, ""));
        for (ForcedSequence sequence : ForcedSequence.TUTORIAL) {
            print("");
            List<String> args = new ArrayList<>(sequence.options());
            args.add("--diagram");
            print("$ ./mpdemo run " + demo.id() + " " + String.join(" ", args)
                    + (timeScale == 1 ? "" : " --time-scale " + number(timeScale)));
            out.flush();
            runStep(demo, args);
            print(Columns.wrap(sequence.meaning(), Columns.WIDTH, ""));
        }
        print("");
        print(Columns.wrap("Now the program as the tutorial runs it, 10 000 updates each, with no schedule:",
                Columns.WIDTH, ""));
    }

    private int runStep(DemoInfo demo) throws IOException, InterruptedException {
        return runStep(demo, List.of());
    }

    private int runStep(DemoInfo demo, List<String> args) throws IOException, InterruptedException {
        List<String> command = DemoProcess.cli("run", demo.id(), "--time-scale", Double.toString(timeScale));
        command.addAll(args);
        Process process = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        process.getOutputStream().close(); // the demo reads nothing; Enter is for the walkthrough
        return process.waitFor();
    }

    private void print(String line) {
        out.println(line);
        out.flush();
    }

    private void print(List<String> lines) {
        for (String line : lines) out.println(line);
        out.flush();
    }

    static String number(double f) {
        String text = String.format(Locale.ROOT, "%s", f);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }
}
