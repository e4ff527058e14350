package org.mpdemo.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mpdemo.classroom.DemoProcess;
import org.mpdemo.classroom.LostUpdate;
import org.mpdemo.classroom.Observation;
import org.mpdemo.classroom.RaceReport;
import org.mpdemo.classroom.Terminal;
import org.mpdemo.classroom.Timeline;
import org.mpdemo.demos.DemoInfo;

/**
 * {@code mpdemo run ID --runs N}: N runs, each in a JVM of its own so that each starts afresh, then the outcome
 * table ({@link RaceReport}); with {@code --timeline}, the timeline of the run whose lost update is told (or of
 * the first run).
 */
final class Repeats {
    private final RunCommand command;
    private final DemoInfo demo;

    Repeats(RunCommand command, DemoInfo demo) {
        this.command = command;
        this.demo = demo;
    }

    int call() {
        PrintWriter out = command.spec.commandLine().getOut();
        PrintWriter err = command.spec.commandLine().getErr();
        boolean progress = Terminal.interactive();
        List<String> options = command.forwardedOptions();
        List<Observation> observations = new ArrayList<>();
        for (int i = 1; i <= command.runs; i++) {
            if (progress) {
                err.print("\rrun " + i + " of " + command.runs + "...");
                err.flush();
            }
            try {
                observations.add(DemoProcess.runWith(demo.id(), options, DemoProcess.TIMEOUT_SECONDS));
            } catch (RuntimeException e) {
                if (progress) err.print("\r");
                err.println("mpdemo: run " + i + " of " + command.runs + ": " + Mpdemo.oneLine(e.getMessage()));
                err.flush();
                return Mpdemo.DEMO_FAILED;
            }
        }
        if (progress) {
            err.print("\r" + " ".repeat(30) + "\r");
            err.flush();
        }
        boolean reliable = command.reliable;
        Optional<RaceReport.Told> told = RaceReport.told(demo, observations, reliable);
        if (told.isEmpty() && observations.stream().anyMatch(o -> RaceReport.wrong(demo, o, reliable))) {
            told = tellFromAnExtraRun(options, err, progress);
        }
        int width = Terminal.width();
        for (String line : RaceReport.lines(demo, observations, reliable, told, width)) out.println(line);
        if (command.timeline) {
            Observation shown = told.map(RaceReport.Told::observation).orElse(observations.get(0));
            String which = told.map(RaceReport.Told::which).orElse("run 1");
            out.println();
            out.println("Timeline of " + which + " (from its trace):");
            out.print(Timeline.of(shown.trace()).render(width, Terminal.colour()));
        }
        out.flush();
        return observations.stream().anyMatch(o -> o.exitCode() != 0) ? Mpdemo.DEMO_FAILED : Mpdemo.OK;
    }

    /**
     * The runs record no reads and writes (a race demo makes tens of thousands, slowing every run down): after a
     * wrong outcome, one more run records them, to tell a lost update step by step — up to three, should the
     * extra run happen to lose nothing.
     */
    private Optional<RaceReport.Told> tellFromAnExtraRun(List<String> options, PrintWriter err, boolean progress) {
        List<String> traced = new ArrayList<>(options);
        traced.add("--trace-values");
        for (int attempt = 0; attempt < 3; attempt++) {
            if (progress) {
                err.print("\rone more run, recording every read and write...");
                err.flush();
            }
            try {
                Observation run = DemoProcess.runWith(demo.id(), traced, DemoProcess.TIMEOUT_SECONDS);
                if (RaceReport.wrong(demo, run, command.reliable)) {
                    Optional<LostUpdate.Story> story = LostUpdate.first(run.trace());
                    if (story.isPresent()) {
                        return Optional.of(new RaceReport.Told("an extra run that recorded every read and write",
                                run, story.get()));
                    }
                }
            } catch (RuntimeException e) {
                break; // the table stands on its own; the report says there is no story
            } finally {
                if (progress) {
                    err.print("\r" + " ".repeat(50) + "\r");
                    err.flush();
                }
            }
        }
        return Optional.empty();
    }
}
