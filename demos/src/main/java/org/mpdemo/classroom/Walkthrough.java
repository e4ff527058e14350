package org.mpdemo.classroom;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
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
    /** The terminal's width (80 off a terminal): text and code wrap to it, so nothing breaks mid-word. */
    private final int width;
    /** Whether each step starts on a cleared screen: only on a terminal, and only when pausing. */
    private final boolean clear;
    private boolean pausing;
    /** The demo running now, if any: Ctrl-C then skips the step instead of ending the walkthrough. */
    private volatile Process running;
    /** Set by Ctrl-C during a step; read once the step's process has ended. */
    private volatile boolean skipped;
    /** From Enter until the step's demo has ended: Ctrl-C then skips the step, even while its JVM is starting. */
    private volatile boolean inStep;

    /**
     * @param in where Enter is read from; at its end the walkthrough stops pausing (so a pipe or /dev/null
     *           never blocks it)
     */
    public Walkthrough(String topic, double timeScale, boolean pause, boolean colour, PrintWriter out,
                       BufferedReader in) {
        this(topic, timeScale, pause, colour, out, in, Terminal.interactive() ? Terminal.width() : Columns.WIDTH,
                pause && Terminal.interactive());
    }

    /** The same, for {@code width} columns, clearing the screen before each step after the first if asked. */
    Walkthrough(String topic, double timeScale, boolean pause, boolean colour, PrintWriter out, BufferedReader in,
                int width, boolean clear) {
        this.topic = topic;
        this.steps = DemoCatalog.all().stream().filter(d -> d.topic().equals(topic)).toList();
        this.timeScale = timeScale;
        this.pause = pause;
        this.colour = colour;
        this.out = out;
        this.in = in;
        this.width = width;
        this.clear = clear;
    }

    /** The topics, in the catalog's order. */
    public static List<String> topics() {
        Set<String> topics = new LinkedHashSet<>();
        for (DemoInfo demo : DemoCatalog.all()) topics.add(demo.topic());
        return List.copyOf(topics);
    }

    /** Runs every step, each demo's exit status shown after its output (whether it is right is verify's job). */
    public void run() throws IOException, InterruptedException {
        pausing = pause;
        onCtrlC();
        print(Terminal.bold("Walkthrough: " + topic + " (" + steps.size() + (steps.size() == 1 ? " step" : " steps")
                + ")", colour));
        print(Columns.wrap("Each step shows a program and what changed since the last one. Predict what it "
                + "will print and how it will end; then run it and see why.", width, ""));
        DemoSource previous = null;
        for (int i = 0; i < steps.size(); i++) {
            DemoInfo demo = steps.get(i);
            DemoSource source = DemoSource.of(demo.mainClass());
            JavadocText doc = source.javadoc();
            // the class has read the last step (Enter said so): the next one starts at the top of the screen
            if (clear && pausing && i > 0) out.print("\033[H\033[2J");
            print("");
            String title = "Step " + (i + 1) + " of " + steps.size() + ": " + demo.id();
            print(Terminal.bold(title, colour));
            print("=".repeat(Math.min(width, title.length())));
            print(Columns.wrap(doc.summary(), width, ""));
            print("");
            if (previous == null || mostlyNew(previous, source)) {
                print((previous == null ? "The program (" : "A new program (") + source.fileName() + "):");
                // without the comments that give the answer away: those come after the run
                print(Explanation.code(source.programBeforeRun(), width));
            } else {
                print(changes(previous, source));
            }
            print("");
            print(Terminal.paint("Predict: what will it print, and how will it end?", Style.fg_cyan, colour));
            waitForEnter("Press Enter to run it... ");
            print("");
            skipped = false;
            inStep = true;
            if (demo.id().equals("bank-race")) forcedSequences(demo);
            if (!skipped) {
                print("$ ./mpdemo run " + demo.id() + (timeScale == 1 ? "" : " --time-scale " + number(timeScale)));
                out.flush();
                int status = runStep(demo);
                if (!skipped) print(Terminal.paint("(exit status " + status + ")", Style.faint, colour));
            }
            inStep = false;
            if (skipped) {
                print("");
                print(Terminal.paint("(step " + (i + 1) + " skipped with Ctrl-C)", Style.faint, colour));
                if (i + 1 < steps.size() && !goOn()) {
                    print("Walkthrough stopped.");
                    return;
                }
                skipped = false; // answered: a Ctrl-C from now on is a new one
                previous = source;
                continue;
            }
            print("");
            print(Terminal.bold("What happened, and why", colour));
            print(Explanation.paragraphs(doc.explanation(), width));
            print(answers(source));
            previous = source;
            // time to read the result and its reason before the next step's program takes the screen
            if (i + 1 < steps.size()) {
                print("");
                waitForEnter("Press Enter for the next step... ");
            }
        }
        print("");
        List<String> topics = topics();
        int next = topics.indexOf(topic) + 1;
        print("That was the last step." + (next < topics.size()
                ? " Next topic: ./mpdemo walkthrough " + topics.get(next) : ""));
        out.flush();
    }

    /** Waits for Enter when pausing; at the end of the input it stops pausing, so a pipe never blocks it. */
    private void waitForEnter(String prompt) throws IOException {
        if (!pausing) return;
        out.print(prompt);
        out.flush();
        if (in.readLine() == null) {
            pausing = false;
            out.println();
        }
    }

    /** Whether most of the program is new: then it is shown whole, a diff would be all minus and plus. */
    static boolean mostlyNew(DemoSource previous, DemoSource current) {
        List<String> old = codeOnly(renamed(previous, current));
        List<String> now = codeOnly(current.program());
        long kept = LineDiff.diff(old, now).stream().filter(l -> l.kind() == ' ' && !l.text().isBlank()).count();
        long lines = now.stream().filter(l -> !l.isBlank()).count();
        return kept * 2 < lines;
    }

    /**
     * The program without its comments: whole comment lines go, and a comment at the end of a line of code. A
     * diff of two steps is about what the code does; a reworded comment is no change to predict from.
     */
    static List<String> codeOnly(List<String> program) {
        List<String> code = new ArrayList<>();
        for (String line : program) {
            String text = line.strip();
            if (text.startsWith("//") || text.startsWith("/*") || text.startsWith("*")) continue;
            int comment = line.indexOf(" // ");
            // a trailing comment, unless the // is inside a string literal (an odd number of quotes before it)
            if (comment >= 0 && line.substring(0, comment).chars().filter(c -> c == '"').count() % 2 == 0) {
                line = line.substring(0, comment).stripTrailing();
            }
            code.add(line);
        }
        return code;
    }

    /** The previous program with its class name changed to the current one's, which always changes. */
    private static List<String> renamed(DemoSource previous, DemoSource current) {
        String before = previous.fileName().replace(".java", "");
        String after = current.fileName().replace(".java", "");
        return previous.program().stream().map(l -> l.replace(before, after)).toList();
    }

    /** What changed since the previous step's program; its class name aside, which always changes. */
    List<String> changes(DemoSource previous, DemoSource current) {
        List<String> old = codeOnly(renamed(previous, current));
        List<LineDiff.Line> hunks = LineDiff.hunks(old, codeOnly(current.program()), CONTEXT);
        List<String> lines = new ArrayList<>();
        lines.add("What changed in the code (- removed, + added):");
        if (hunks.isEmpty()) lines.add("  (nothing but the class name and the comments)");
        for (LineDiff.Line line : hunks) {
            // every piece of a wrapped line keeps its marker, so a removed line never reads as context
            String marker = "  " + line.kind() + " ";
            for (String wrapped : Columns.wrapCode(line.text(), width - marker.length())) {
                String shown = marker + wrapped;
                lines.add(line.kind() == '-' ? Terminal.paint(shown, Style.fg_red, colour)
                        : line.kind() == '+' ? Terminal.paint(shown, Style.fg_green, colour) : shown);
            }
        }
        return lines;
    }

    /** The comments held back before the run, each above the line of code it is about; none if it has none. */
    List<String> answers(DemoSource source) {
        List<DemoSource.Answer> answers = source.answers();
        List<String> lines = new ArrayList<>();
        if (answers.isEmpty()) return lines;
        lines.add("");
        lines.add(Terminal.bold("In the code: the comments held back before the run", colour));
        for (DemoSource.Answer answer : answers) {
            // shown as far left as the comment and its code allow, so that a nested line does not wrap
            int indent = Stream.concat(answer.comment().stream(), Stream.of(answer.code()))
                    .filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
            lines.add("");
            for (String line : Explanation.code(dedent(answer.comment(), indent), width)) {
                lines.add(Terminal.paint(line, Style.fg_yellow, colour));
            }
            lines.addAll(Explanation.code(dedent(List.of(answer.code()), indent), width));
        }
        return lines;
    }

    private static List<String> dedent(List<String> lines, int indent) {
        return lines.stream().map(l -> l.substring(Math.min(indent, l.length()))).toList();
    }

    /**
     * Before the free-running bank program: the tutorial's three sequence diagrams, each forced on every round by
     * a schedule with one update per process, and drawn from the run's trace.
     */
    private void forcedSequences(DemoInfo demo) throws IOException, InterruptedException {
        print(Columns.wrap("First, the tutorial's three sequence diagrams, forced: with --ops 1 each process reads "
                + "the balance once and writes it once, and --schedule says who makes the next access.",
                width, ""));
        for (ForcedSequence sequence : ForcedSequence.TUTORIAL) {
            if (skipped) return;
            print("");
            List<String> args = new ArrayList<>(sequence.options());
            args.add("--diagram");
            print("$ ./mpdemo run " + demo.id() + " " + String.join(" ", args)
                    + (timeScale == 1 ? "" : " --time-scale " + number(timeScale)));
            out.flush();
            runStep(demo, args);
            if (!skipped) print(Columns.wrap(sequence.meaning(), width, ""));
        }
        print("");
        print(Columns.wrap("Now the program as the tutorial runs it, 10 000 updates each, with no schedule:",
                width, ""));
    }

    private int runStep(DemoInfo demo) throws IOException, InterruptedException {
        return runStep(demo, List.of());
    }

    private int runStep(DemoInfo demo, List<String> args) throws IOException, InterruptedException {
        List<String> command = DemoProcess.cli("run", demo.id(), "--time-scale", Double.toString(timeScale));
        command.addAll(args);
        Process process;
        try {
            // its input is a pipe that tells it when this walkthrough is gone, even by kill -9 (ParentWatch)
            process = ParentWatch.watched(new ProcessBuilder(command))
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException e) {
            // Ctrl-C reached the helper that was starting the demo's JVM: the step is skipped, not failed
            if (skipped) return 130;
            throw e;
        }
        running = process; // the demo reads nothing: Enter is for the walkthrough
        try {
            if (skipped) process.destroy(); // Ctrl-C came while it was starting
            int status = process.waitFor();
            // ended by Ctrl-C (130 = 128 + SIGINT): the step is skipped, whichever thread hears of it first
            if (status == 130) skipped = true;
            return status;
        } finally {
            running = null;
            DemoProcess.closeQuietly(process);
        }
    }

    /**
     * Ctrl-C reaches the whole foreground group: the demo's JVM ends by itself (its own hooks clean up), and this
     * one, instead of ending, marks the step skipped. At a prompt, with no demo running, Ctrl-C ends the
     * walkthrough as usual (exit status 130). Only on a terminal: a pipe's reader has no Ctrl-C to give.
     */
    private void onCtrlC() {
        if (!clear) return;
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> {
                // the signal of a Ctrl-C that already ended a step may arrive after the step did: still that step's
                if (!inStep && !skipped) {
                    out.println();
                    out.flush();
                    System.exit(130);
                }
                skipped = true;
                Process step = running;
                if (step != null) {
                    step.descendants().forEach(ProcessHandle::destroy);
                    step.destroy();
                }
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // no SIGINT to handle here: Ctrl-C keeps its usual meaning
        }
    }

    /** After a skipped step: whether the class goes on (Enter or y) or stops (n). */
    private boolean goOn() throws IOException {
        while (true) {
            out.print("Go on with the next step? [Y/n] ");
            out.flush();
            String answer = in.readLine();
            if (answer == null) return false;
            answer = answer.strip().toLowerCase(Locale.ROOT);
            if (answer.isEmpty() || answer.equals("y") || answer.equals("yes")) return true;
            if (answer.equals("n") || answer.equals("no")) return false;
        }
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
