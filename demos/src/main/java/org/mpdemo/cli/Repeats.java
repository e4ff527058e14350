package org.mpdemo.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.mpdemo.classroom.DemoProcess;
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
        int width = Terminal.width();
        for (String line : RaceReport.lines(demo, observations, width)) out.println(line);
        if (command.timeline) {
            Observation shown = RaceReport.told(demo, observations).map(RaceReport.Told::observation)
                    .orElse(observations.get(0));
            out.println();
            out.println("Timeline of run " + (observations.indexOf(shown) + 1) + " (from its trace):");
            out.print(Timeline.of(shown.trace()).render(width, Terminal.colour()));
        }
        out.flush();
        return observations.stream().anyMatch(o -> o.exitCode() != 0) ? Mpdemo.DEMO_FAILED : Mpdemo.OK;
    }
}
