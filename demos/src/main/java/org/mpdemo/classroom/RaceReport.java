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

    /**
     * A wrong run whose trace tells a lost update, and the story. {@code which} says which run it was:
     * "run 3", or "an extra run that recorded every read and write".
     */
    public record Told(String which, Observation observation, LostUpdate.Story story) {
    }

    /**
     * The report on {@code runs}: the outcome table; for a race demo a line on how many were wrong and, when one
     * was, the lost update {@code told} (or why there is no story).
     */
    public static List<String> lines(DemoInfo demo, List<Observation> runs, boolean reliable, Optional<Told> told,
                                     int width) {
        OutcomeTable table = OutcomeTable.of(demo, runs, reliable);
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
        lines.add("");
        if (told.isPresent()) {
            LostUpdate.Story story = told.get().story();
            lines.addAll(Columns.wrap("A lost update, step by step (from the trace of " + told.get().which() + ", "
                    + story.obj() + "):", width, ""));
            List<String> steps = story.steps();
            for (int i = 0; i < steps.size(); i++) {
                lines.addAll(Columns.wrapHanging((i + 1) + ". " + steps.get(i), width, "  ", "     "));
            }
            lines.addAll(Columns.wrap(story.conclusion(), width, "  "));
        } else if (runs.stream().noneMatch(r -> LostUpdate.traced(r.trace()))
                && (told.isEmpty() || !LostUpdate.traced(told.get().observation().trace()))) {
            lines.addAll(Columns.wrap("(No step-by-step story: the traces have no value-get / value-set events, "
                    + "which record every read and write of a shared Value, so which write overwrote which "
                    + "cannot be told.)", width, ""));
        } else {
            lines.addAll(Columns.wrap("(No step-by-step story: no traced run shows one write overwriting "
                    + "another.)", width, ""));
        }
        return lines;
    }

    /** Whether a run printed an outcome other than the expected ones. */
    public static boolean wrong(DemoInfo demo, Observation run, boolean reliable) {
        return demo.outcomes() != null && OutcomeTable.outcomes(demo.outcomes(), run).stream()
                .anyMatch(o -> !demo.outcomes().isExpected(o, reliable));
    }

    /** The first wrong run whose trace shows a lost update. */
    public static Optional<Told> told(DemoInfo demo, List<Observation> runs, boolean reliable) {
        for (int i = 0; i < runs.size(); i++) {
            Observation run = runs.get(i);
            if (!wrong(demo, run, reliable)) continue;
            Optional<LostUpdate.Story> story = LostUpdate.first(run.trace());
            if (story.isPresent()) return Optional.of(new Told("run " + (i + 1), run, story.get()));
        }
        return Optional.empty();
    }
}
