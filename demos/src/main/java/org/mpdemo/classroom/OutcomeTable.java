package org.mpdemo.classroom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mpdemo.demos.DemoInfo;

/**
 * The outcomes of many runs of one demo, counted, as jcstress reports a test: each distinct outcome, how often
 * it came, its share, and — for a race demo — whether it is the expected result or a lost update.
 *
 * <p>For a race demo every printed line matching its {@link DemoInfo.Outcomes} is one outcome (a bank run prints
 * ten balances). For any other demo a run is one outcome: everything it printed, and its exit status if not 0.
 */
public final class OutcomeTable {

    /** One distinct outcome; {@code verdict} is null for a demo that declares no outcomes. */
    public record Row(String outcome, int count, double frequency, String verdict) {
        public boolean expected() {
            return "expected".equals(verdict);
        }
    }

    private final List<Row> rows;
    private final int runs;
    private final int total;
    private final boolean verdicts;

    private OutcomeTable(List<Row> rows, int runs, int total, boolean verdicts) {
        this.rows = rows;
        this.runs = runs;
        this.total = total;
        this.verdicts = verdicts;
    }

    /**
     * Counts the outcomes of {@code runs} of {@code demo}, most frequent first (ties: first seen first);
     * {@code reliable}: the runs were made in the demo's reliable mode, where other outcomes are correct.
     */
    public static OutcomeTable of(DemoInfo demo, List<Observation> runs, boolean reliable) {
        DemoInfo.Outcomes declared = demo.outcomes();
        Map<String, Integer> counts = new LinkedHashMap<>();
        int total = 0;
        for (Observation run : runs) {
            for (String outcome : outcomes(declared, run)) {
                counts.merge(outcome, 1, Integer::sum);
                total++;
            }
        }
        List<Row> rows = new ArrayList<>();
        if (declared != null) {
            // as jcstress does, every expected outcome has its row, seen or not: a 0 there is the lesson
            for (String right : reliable ? declared.reliableExpected() : declared.expected()) {
                int count = counts.getOrDefault(right, 0);
                rows.add(new Row(right, count, total == 0 ? 0 : (double) count / total, "expected"));
            }
        }
        List<Row> others = new ArrayList<>();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (declared != null && declared.isExpected(e.getKey(), reliable)) continue;
            others.add(new Row(e.getKey(), e.getValue(), total == 0 ? 0 : (double) e.getValue() / total,
                    declared == null ? null : declared.wrong()));
        }
        others.sort((a, b) -> Integer.compare(b.count(), a.count()));
        rows.addAll(others);
        return new OutcomeTable(List.copyOf(rows), runs.size(), total, declared != null);
    }

    /**
     * At most {@code max} rows: the expected ones, the most frequent others, and — when some are left out — one
     * row counting them together ("12 other outcomes").
     */
    public List<Row> shown(int max) {
        if (rows.size() <= max) return rows;
        List<Row> shown = new ArrayList<>();
        List<Row> rest = new ArrayList<>();
        for (Row row : rows) (row.expected() ? shown : rest).add(row);
        int room = Math.max(1, max - shown.size() - 1);
        shown.addAll(rest.subList(0, Math.min(room, rest.size())));
        List<Row> left = rest.subList(Math.min(room, rest.size()), rest.size());
        int count = left.stream().mapToInt(Row::count).sum();
        String verdict = left.stream().map(Row::verdict).distinct().count() == 1 ? left.get(0).verdict() : null;
        shown.add(new Row("(" + left.size() + " other outcomes)", count, total == 0 ? 0 : (double) count / total,
                verdict));
        return shown;
    }

    /** The outcomes one run shows: its matching lines (race demos), or its whole output as one outcome. */
    public static List<String> outcomes(DemoInfo.Outcomes declared, Observation run) {
        if (declared != null) {
            List<String> found = run.lines().stream().filter(declared::isOutcome).toList();
            if (run.exitCode() == 0) return found;
            List<String> withError = new ArrayList<>(found);
            withError.add(failure(run));
            return withError;
        }
        String printed = run.lines().isEmpty() ? "(no output)" : String.join(" / ", run.lines());
        return List.of(run.exitCode() == 0 ? printed : printed + " — " + failure(run));
    }

    private static String failure(Observation run) {
        List<String> err = run.errorLines();
        return "exit " + run.exitCode() + (err.isEmpty() ? "" : ": " + err.get(err.size() - 1));
    }

    public List<Row> rows() {
        return rows;
    }

    public int runs() {
        return runs;
    }

    /** How many outcomes were counted (for a race demo, several per run). */
    public int total() {
        return total;
    }

    /** How many outcomes were not the expected ones. */
    public int wrong() {
        return rows.stream().filter(r -> r.verdict() != null && !r.expected()).mapToInt(Row::count).sum();
    }

    /** The table in {@code width} columns, up to 15 rows ({@link #shown}). */
    public List<String> render(int width) {
        return render(width, 15);
    }

    /** The table in {@code width} columns, at most {@code maxRows} rows; a long outcome is cut with "…". */
    public List<String> render(int width, int maxRows) {
        List<Row> rows = shown(maxRows);
        int verdictWidth = verdicts ? Math.max("VERDICT".length(),
                rows.stream().mapToInt(r -> r.verdict().length()).max().orElse(0)) : 0;
        int numbers = 2 + 7 + 2 + 9 + (verdicts ? 2 + verdictWidth : 0);
        int longest = Math.max("OUTCOME".length(), rows.stream().mapToInt(r -> r.outcome().length()).max().orElse(0));
        int outcomeWidth = Math.max(12, Math.min(longest, width - 2 - numbers));
        List<String> lines = new ArrayList<>();
        lines.add(line("OUTCOME", outcomeWidth, "COUNT", "FREQUENCY", verdicts ? "VERDICT" : null));
        for (Row row : rows) {
            lines.add(line(cut(row.outcome(), outcomeWidth), outcomeWidth, Integer.toString(row.count()),
                    String.format(Locale.ROOT, "%.1f %%", 100 * row.frequency()), row.verdict()));
        }
        return lines;
    }

    private static String line(String outcome, int width, String count, String frequency, String verdict) {
        String text = "  " + Verifier.pad(outcome, width) + "  " + String.format("%7s", count) + "  "
                + String.format("%9s", frequency) + (verdict == null ? "" : "  " + verdict);
        return text.stripTrailing();
    }

    static String cut(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }
}
