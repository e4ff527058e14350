package org.mpdemo.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.mpdemo.classroom.Terminal;
import org.mpdemo.demos.DemoInfo;
import org.mpdemo.multiprocessing.Schedules;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code mpdemo explore ID}: one round of a race demo for every interleaving of its shared accesses, each with
 * fresh processes, tabulated as jcstress tabulates its outcomes.
 */
@Command(name = "explore",
        description = {
            "Runs a race demo's round once for every interleaving of its shared accesses.",
            "Each schedule runs with fresh, real processes; the search is depth-first over the moments the "
                    + "scheduler picks a process. A process whose acquire would block is left out of that "
                    + "choice: it could only wait. The table gives each outcome as the program prints it, "
                    + "how many schedules gave it, their share, the verdict, and one schedule that gives it, to "
                    + "replay with 'mpdemo run ID --schedule SPEC'."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:every schedule ran (or --limit of them)", "1:the demo failed",
            "2:unknown demo, not a race demo, or a bad option value"},
        footerHeading = "%nExample:%n",
        footer = {"  mpdemo explore bank-race --ops 1"})
final class ExploreCommand implements Callable<Integer>, Mpdemo.RunsDemos {
    @Spec
    CommandSpec spec;

    @Mixin
    BankRound bank;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "1000", converter = Converters.AtLeastOne.class,
            description = "Stop after N schedules (default: ${DEFAULT-VALUE}); the table then says it stopped.")
    int limit;

    @Option(names = "--trace", paramLabel = "FILE",
            description = "Record every schedule's events in FILE, each granted switch among them (with the pid "
                    + "of the child it let go).")
    java.nio.file.Path trace;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<DemoInfo> found = bank.demo("explore", err);
        if (found.isEmpty()) return Mpdemo.USAGE;
        DemoInfo demo = found.get();
        System.setProperty(Schedules.EXPLORE_PROPERTY, Integer.toString(limit));
        if (trace != null) System.setProperty("mpdemo.trace", trace.toAbsolutePath().normalize().toString());
        Lines lines = new Lines(demo, Terminal.interactive() ? err : null);
        int status = bank.run(demo, err, lines);
        lines.endProgress();
        if (status != Mpdemo.OK) return status;
        List<String> schedules = Schedules.explored();
        if (schedules.size() != lines.outcomes.size()) {
            err.println("mpdemo: explore: " + schedules.size() + " schedules ran but the demo printed "
                    + lines.outcomes.size() + " outcomes");
            err.flush();
            return Mpdemo.DEMO_FAILED;
        }
        table(out, demo, lines.outcomes, schedules);
        return Mpdemo.OK;
    }

    private void table(PrintWriter out, DemoInfo demo, List<String> outcomes, List<String> schedules) {
        Map<String, List<String>> byOutcome = new LinkedHashMap<>();
        for (int i = 0; i < outcomes.size(); i++) {
            byOutcome.computeIfAbsent(outcomes.get(i), k -> new ArrayList<>()).add(schedules.get(i));
        }
        List<String> keys = new ArrayList<>(byOutcome.keySet());
        keys.sort(null);
        int width = Math.max("Outcome".length(), keys.stream().mapToInt(String::length).max().orElse(0));
        int verdictWidth = Math.max("Verdict".length(), demo.outcomes().wrong().length());
        out.printf("%-" + width + "s  %9s  %9s  %-" + verdictWidth + "s  %s%n", "Outcome", "Schedules", "Frequency",
                "Verdict", "Example schedule");
        for (String outcome : keys) {
            List<String> these = byOutcome.get(outcome);
            String verdict = demo.outcomes().isExpected(outcome, false) ? "expected" : demo.outcomes().wrong();
            out.printf("%-" + width + "s  %9d  %8.1f%%  %-" + verdictWidth + "s  %s%n", outcome, these.size(),
                    100.0 * these.size() / outcomes.size(), verdict, these.get(0));
        }
        int blocked = Schedules.blockedChoices();
        out.println();
        out.println((Schedules.explorationCut() ? "Stopped at the limit: " : "All ") + outcomes.size()
                + (outcomes.size() == 1 ? " schedule" : " schedules") + " of a round with --ops " + bank.ops
                + ", each with fresh processes.");
        if (blocked > 0) {
            out.println(blocked + (blocked == 1 ? " choice" : " choices") + " in which a process would have waited "
                    + "for a lock were left out.");
        }
        out.flush();
    }

    /** The demo's standard output, kept line by line: its outcome lines, and a progress line on a terminal. */
    private static final class Lines extends OutputStream {
        final List<String> outcomes = new ArrayList<>();
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private final DemoInfo demo;
        private final PrintWriter progress;
        /** The length of the progress line on the terminal, to clear it. */
        private int shown;

        Lines(DemoInfo demo, PrintWriter progress) {
            this.demo = demo;
            this.progress = progress;
        }

        @Override
        public synchronized void write(int b) {
            if (b != '\n') {
                line.write(b);
                return;
            }
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (demo.outcomes().isOutcome(text)) {
                outcomes.add(text);
                if (progress != null) showProgress(outcomes.size(), Schedules.explorationBound());
            }
        }

        /**
         * {@code exploring [#####.........]  23 of at most 70 schedules}: the bound is what the first round showed
         * (see {@link Schedules#explorationBound}), so the bar is exact for a demo whose processes always make the
         * same accesses, and ends early where choices that would block are left out.
         */
        private void showProgress(int done, long bound) {
            int width = 30;
            String bar;
            if (bound <= 0) {
                bar = "exploring: " + done + (done == 1 ? " schedule" : " schedules");
            } else {
                int filled = (int) (width * Math.min(done, bound) / bound);
                bar = "exploring [" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + done + " of at most "
                        + bound + " schedules";
            }
            progress.print("\r" + bar + " ".repeat(Math.max(0, shown - bar.length())));
            shown = bar.length();
            progress.flush();
        }

        void endProgress() {
            if (progress != null && shown > 0) {
                progress.print("\r" + " ".repeat(shown) + "\r");
                progress.flush();
            }
        }
    }

}
