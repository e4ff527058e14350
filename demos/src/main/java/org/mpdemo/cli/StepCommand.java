package org.mpdemo.cli;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.mpdemo.classroom.DemoSource;
import org.mpdemo.classroom.ScratchFiles;
import org.mpdemo.classroom.SequenceDiagram;
import org.mpdemo.demos.DemoInfo;
import org.mpdemo.demos.TraceLog;
import org.mpdemo.multiprocessing.Schedules;
import org.mpdemo.multiprocessing.trace.TraceEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code mpdemo step ID}: the class is the scheduler, as in The Deadlock Empire. Before each shared access of
 * one round it shows what every process waits to do, and where in the program, and reads which process goes.
 */
@Command(name = "step",
        description = {
            "Makes you the scheduler of one round of a bank demo, one shared access at a time.",
            "Before each step it shows, for each process, the access it waits to make and the program line that "
                    + "makes it, and the shared value as last read or written. Type the process that goes next "
                    + "(Enter takes the suggested one); choices can be piped on standard input, one per line. At "
                    + "the end it draws the round as a sequence diagram and prints the outcome."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:the round ran", "1:the demo failed", "2:unknown demo, not a bank demo, or a bad option"},
        footerHeading = "%nExample:%n",
        footer = {"  printf '1\\n2\\n1\\n2\\n' | mpdemo step bank-race --ops 1"})
final class StepCommand implements Callable<Integer>, Mpdemo.RunsDemos {
    @Spec
    CommandSpec spec;

    @Mixin
    BankRound bank;

    @Option(names = "--goal", paramLabel = "GOAL", description = "lost-update: a challenge - make the balance "
            + "wrong with as few choices of your own as you can (Enter, the suggestion, costs nothing).")
    String goal;

    private PrintWriter out;
    private BufferedReader in;
    private boolean inputEnded;
    private Path trace;
    private int ownChoices;
    private boolean interactive;
    private DemoSource source;

    @Override
    public Integer call() throws IOException {
        out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (goal != null && !goal.equals("lost-update")) {
            err.println("mpdemo: --goal: the one goal is lost-update (got '" + goal + "')");
            err.flush();
            return Mpdemo.USAGE;
        }
        Optional<DemoInfo> found = bank.demo("step", err);
        if (found.isEmpty()) return Mpdemo.USAGE;
        DemoInfo demo = found.get();
        trace = ScratchFiles.file("step", ".jsonl");
        try {
            return play(demo, err);
        } finally {
            ScratchFiles.delete(trace);
        }
    }

    private int play(DemoInfo demo, PrintWriter err) throws IOException {
        System.setProperty("mpdemo.trace", trace.toString());
        System.setProperty("mpdemo.traceValues", "true");
        in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        interactive = System.console() != null;
        source = DemoSource.of(demo.mainClass());
        if (goal != null) {
            out.println("Goal: make the balance wrong - a lost update - with as few choices of your own as you can.");
        }
        Schedules.stepWith(this::choose);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int status = bank.run(demo, err, printed);
        if (status != Mpdemo.OK) return status;
        out.println();
        out.println("The round as a sequence diagram:");
        for (String line : SequenceDiagram.of(TraceLog.read(trace)).render()) out.println(line);
        List<String> outcomes = printed.toString(StandardCharsets.UTF_8).lines().toList();
        if (goal != null) {
            boolean lost = outcomes.stream().anyMatch(o -> demo.outcomes().isOutcome(o)
                    && !demo.outcomes().isExpected(o, false));
            out.println(lost ? "Goal reached with " + ownChoices + (ownChoices == 1 ? " choice" : " choices")
                    + " of your own: an update was lost." : "Goal not reached: the balance is right. Try again.");
        }
        outcomes.forEach(out::println);
        out.flush();
        return Mpdemo.OK;
    }

    /** One step: the round as it stands, then the choice read from standard input. */
    private int choose(int step, List<Schedules.Pending> round) {
        int suggested = round.stream().filter(Schedules.Pending::canGo).findFirst().orElseThrow().process();
        out.println();
        out.println("Step " + step + ". The shared value, as last read or written: " + lastValue());
        for (Schedules.Pending p : round) {
            if (!p.canGo()) {
                out.printf("  %d  %s%n", p.process(), p.state());
                continue;
            }
            String what = describe(p.access()) + " " + p.obj().replaceAll("-\\d+-\\d+$", "");
            out.printf("  %d  %-13s %-17s %s%n", p.process(), what, p.where(), code(p.where()));
        }
        while (true) {
            out.print("Which process goes next? [" + suggested + "] ");
            out.flush();
            String line = inputEnded ? null : read();
            if (line == null) {
                inputEnded = true;
                out.println(suggested);
                return suggested;
            }
            if (!interactive) out.println(line); // piped: show the choice as if typed
            line = line.strip();
            if (line.isEmpty()) return suggested;
            int n;
            try {
                n = Integer.parseInt(line);
            } catch (NumberFormatException e) {
                out.println("Type a process number, or Enter for " + suggested + ".");
                continue;
            }
            if (n < 1 || n > round.size()) {
                out.println("There is no process " + n + ": this round has " + round.size() + ".");
            } else if (!round.get(n - 1).canGo()) {
                out.println("Process " + n + " cannot go: it is " + round.get(n - 1).state() + ".");
            } else {
                if (n != suggested) ownChoices++;
                return n;
            }
        }
    }

    /** The program's line at {@code File.java:N}, from the demo's own source, stripped. */
    private String code(String where) {
        int colon = where.lastIndexOf(':');
        try {
            int n = Integer.parseInt(where.substring(colon + 1));
            List<String> lines = source.lines();
            return n >= 1 && n <= lines.size() ? lines.get(n - 1).strip() : "";
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return "";
        }
    }

    private String read() {
        try {
            return in.readLine();
        } catch (IOException e) {
            return null;
        }
    }

    /** The value of the last read or write any child made, from the trace so far. */
    private String lastValue() {
        try {
            List<TraceLog.Event> values = TraceLog.read(trace).events().stream()
                    .filter(e -> e.is(TraceEvent.VALUE_GET) || e.is(TraceEvent.VALUE_SET)).toList();
            return values.isEmpty() ? "not read yet" : values.get(values.size() - 1).get("value");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String describe(String access) {
        return switch (access) {
            case "value-get" -> "read";
            case "value-set" -> "write";
            case "atomic-update" -> "update";
            default -> access;
        };
    }

}
