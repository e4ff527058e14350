package org.mpdemo.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.mpdemo.classroom.DemoOptions;
import org.mpdemo.classroom.DemoProcess;
import org.mpdemo.classroom.Expectations;
import org.mpdemo.classroom.LostUpdate;
import org.mpdemo.classroom.Observation;
import org.mpdemo.classroom.RaceReport;
import org.mpdemo.demos.DemoInfo;

/**
 * The real runs of one demo that its page shows: made through the command line ({@code mpdemo run}), each in
 * a JVM of its own, with a trace. A race demo runs several times for its outcome table, and — when one run came
 * out wrong — once more recording every read and write, to tell a lost update step by step.
 */
record Capture(DemoInfo demo, double timeScale, List<Observation> runs, Optional<RaceReport.Told> told) {

    /** How many runs a demo's page is made from: one, or a few for a demo whose outcome varies. */
    static int runsFor(DemoInfo demo) {
        if (demo.outcomes() == null) return 1;
        return demo.outcomes().alwaysRight() ? 1 : 2;
    }

    static Capture of(DemoInfo demo, double timeScale) {
        // a demo that needs its tasks to overlap runs slower, as verify runs it; a race whose outcome depends on
        // its pauses runs at the tutorial's timing, so that its runs show what the text beside them says
        double scale = Math.max(timeScale, Expectations.of(demo.id()).map(Expectations.Expectation::timeScale)
                .orElse(timeScale));
        if (pausedRace(demo)) scale = 1;
        List<String> options = List.of("--time-scale", number(scale));
        List<Observation> runs = new ArrayList<>();
        for (int i = 0; i < runsFor(demo); i++) runs.add(DemoProcess.runWith(demo.id(), options, 120));
        // a demo whose behaviour depends on timing (several workers up at once) may need another run to show it,
        // as verify allows: the page shows a run that does what the page says
        Optional<Expectations.Expectation> expectation = Expectations.of(demo.id());
        if (runs.size() == 1 && expectation.isPresent() && expectation.get().options().isEmpty()) {
            for (int attempt = 1; attempt < expectation.get().attempts()
                    && !expectation.get().verdict(runs.get(0)).ok(); attempt++) {
                runs.set(0, DemoProcess.runWith(demo.id(), options, 120));
            }
        }
        Optional<RaceReport.Told> told = RaceReport.told(demo, runs, false);
        if (told.isEmpty() && runs.stream().anyMatch(r -> RaceReport.wrong(demo, r, false))) {
            List<String> traced = new ArrayList<>(options);
            traced.add("--trace-values");
            for (int attempt = 0; attempt < 3 && told.isEmpty(); attempt++) {
                Observation run = DemoProcess.runWith(demo.id(), traced, 120);
                Optional<LostUpdate.Story> story = LostUpdate.first(run.trace());
                if (RaceReport.wrong(demo, run, false) && story.isPresent()) {
                    told = Optional.of(new RaceReport.Told("one more run that recorded every read and write", run,
                            story.get()));
                }
            }
        }
        return new Capture(demo, scale, runs, told);
    }

    /** A race demo whose program pauses: how often it loses updates depends on the pauses' length. */
    static boolean pausedRace(DemoInfo demo) {
        return demo.outcomes() != null && DemoOptions.takenBy(demo).contains("--time-scale");
    }

    /** The command that made the first run, as a reader would type it. */
    String command() {
        return "./mpdemo run " + demo.id() + (timeScale == 1 ? "" : " --time-scale " + number(timeScale));
    }

    /** The run whose timeline the page draws: the one whose lost update is told, else the first. */
    Observation pictured() {
        return told.map(RaceReport.Told::observation).orElse(runs.get(0));
    }

    static String number(double f) {
        String text = String.format(Locale.ROOT, "%s", f);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }
}
