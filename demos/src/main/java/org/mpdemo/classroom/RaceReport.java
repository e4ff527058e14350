package org.mpdemo.classroom;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mpdemo.demos.DemoInfo;

/**
 * What {@code mpdemo run ID --runs N} ends with: the outcome table, and for a race demo the verdict on each
 * outcome and, from the trace of one wrong run, the lost update told step by step.
 */
public final class RaceReport {
    private RaceReport() {
    }

    /** The run whose trace tells a lost update, and the story; empty when no run lost one (or none was traced). */
    public record Told(int run, Observation observation, LostUpdate.Story story) {
    }

    public static List<String> lines(DemoInfo demo, List<Observation> runs, int width) {
        OutcomeTable table = OutcomeTable.of(demo, runs);
        List<String> lines = new ArrayList<>();
        boolean race = demo.outcomes() != null;
        lines.add("Outcomes of " + runs.size() + (runs.size() == 1 ? " run" : " runs") + " of " + demo.id()
                + (race ? " (" + table.total() + " results)" : "") + ":");
        lines.addAll(table.render(width));
        if (!race) return lines;
        lines.add("");
        int wrong = table.wrong();
        lines.addAll(Columns.wrap(wrong == 0
                ? "Every result was the expected one."
                : wrong + " of " + table.total() + " results were wrong (" + demo.outcomes().wrong() + ").",
                width, ""));
        if (wrong == 0) return lines;
        Optional<Told> told = told(demo, runs);
        lines.add("");
        if (told.isPresent()) {
            LostUpdate.Story story = told.get().story();
            lines.add("A lost update, step by step (from the trace of run " + told.get().run() + ", "
                    + story.obj() + "):");
            List<String> steps = story.steps();
            for (int i = 0; i < steps.size(); i++) {
                lines.addAll(Columns.wrapHanging((i + 1) + ". " + steps.get(i), width, "  ", "     "));
            }
            lines.addAll(Columns.wrap(story.conclusion(), width, "  "));
        } else if (runs.stream().noneMatch(r -> LostUpdate.traced(r.trace()))) {
            lines.addAll(Columns.wrap("(No step-by-step story: the traces have no value-get / value-set events, "
                    + "which record every read and write of a shared Value, so which write overwrote which "
                    + "cannot be told.)", width, ""));
        } else {
            lines.addAll(Columns.wrap("(No step-by-step story: no traced run shows one write overwriting "
                    + "another.)", width, ""));
        }
        return lines;
    }

    /** The first wrong run whose trace shows a lost update. */
    public static Optional<Told> told(DemoInfo demo, List<Observation> runs) {
        if (demo.outcomes() == null) return Optional.empty();
        for (int i = 0; i < runs.size(); i++) {
            Observation run = runs.get(i);
            boolean wrong = OutcomeTable.outcomes(demo.outcomes(), run).stream()
                    .anyMatch(o -> !demo.outcomes().isExpected(o));
            if (!wrong) continue;
            Optional<LostUpdate.Story> story = LostUpdate.first(run.trace());
            if (story.isPresent()) return Optional.of(new Told(i + 1, run, story.get()));
        }
        return Optional.empty();
    }
}
