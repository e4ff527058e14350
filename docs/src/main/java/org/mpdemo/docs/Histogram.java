package org.mpdemo.docs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mpdemo.classroom.OutcomeTable;

/**
 * A race demo's outcomes as horizontal bars, one picture per kind of outcome line ({@code Final balance = },
 * {@code Value at end: } …): the expected outcome in green, wrong ones in orange. When there are too many
 * distinct numbers for one bar each, the wrong ones are gathered into ranges.
 */
final class Histogram {
    static final int MAX_BARS = 12;
    static final int RANGES = 8;
    static final String EXPECTED = "#2a9d8f";
    static final String WRONG = "#e76f51";

    record Bar(String label, int count, boolean expected) {
    }

    private Histogram() {
    }

    /** The outcomes grouped by what comes before their value: {@code "Final balance = "} → its rows. */
    static Map<String, List<OutcomeTable.Row>> byKind(List<OutcomeTable.Row> rows) {
        Map<String, List<OutcomeTable.Row>> kinds = new LinkedHashMap<>();
        for (OutcomeTable.Row row : rows) kinds.computeIfAbsent(prefix(row.outcome()), k -> new ArrayList<>()).add(row);
        return kinds;
    }

    /** The text before the first digit, minus sign or bracket: the kind of outcome. */
    static String prefix(String outcome) {
        for (int i = 0; i < outcome.length(); i++) {
            char c = outcome.charAt(i);
            if (Character.isDigit(c) || c == '[' || (c == '-' && i + 1 < outcome.length()
                    && Character.isDigit(outcome.charAt(i + 1)))) {
                return outcome.substring(0, i);
            }
        }
        return outcome;
    }

    /** The bars for one kind, largest count first; numbers gathered into ranges when there are many. */
    static List<Bar> bars(String prefix, List<OutcomeTable.Row> rows) {
        List<Bar> bars = new ArrayList<>();
        if (rows.size() <= MAX_BARS || !allNumbers(prefix, rows)) {
            for (OutcomeTable.Row row : rows.subList(0, Math.min(rows.size(), MAX_BARS))) {
                bars.add(new Bar(row.outcome().substring(prefix.length()), row.count(), row.expected()));
            }
            int rest = rows.stream().skip(MAX_BARS).mapToInt(OutcomeTable.Row::count).sum();
            if (rest > 0) bars.add(new Bar("others", rest, false));
            return bars;
        }
        List<OutcomeTable.Row> wrong = new ArrayList<>();
        for (OutcomeTable.Row row : rows) {
            if (row.expected()) bars.add(new Bar(row.outcome().substring(prefix.length()), row.count(), true));
            else wrong.add(row);
        }
        double min = wrong.stream().mapToDouble(r -> number(prefix, r)).min().orElse(0);
        double max = wrong.stream().mapToDouble(r -> number(prefix, r)).max().orElse(0);
        // whole-number ranges, so that the labels read as balances, not as arithmetic
        double width = Math.max(1, Math.ceil((max - min + 1) / RANGES));
        int[] counts = new int[RANGES];
        for (OutcomeTable.Row row : wrong) {
            int range = (int) Math.min(RANGES - 1, Math.floor((number(prefix, row) - min) / width));
            counts[range] += row.count();
        }
        for (int i = 0; i < RANGES; i++) {
            if (counts[i] == 0) continue;
            String from = format(min + i * width);
            String to = format(Math.min(max, min + (i + 1) * width - 1));
            bars.add(new Bar(from + " … " + to, counts[i], false));
        }
        return bars;
    }

    private static boolean allNumbers(String prefix, List<OutcomeTable.Row> rows) {
        for (OutcomeTable.Row row : rows) {
            try {
                Double.parseDouble(row.outcome().substring(prefix.length()).strip());
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }

    private static double number(String prefix, OutcomeTable.Row row) {
        return Double.parseDouble(row.outcome().substring(prefix.length()).strip());
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    /** An SVG picture of the bars, with a title and a legend. */
    static String svg(String title, List<Bar> bars) {
        int labelWidth = Math.min(330, 12 + 7 * bars.stream().mapToInt(b -> b.label().length()).max().orElse(4));
        int plot = 360;
        int row = 22;
        int top = 34;
        int width = labelWidth + plot + 60;
        int height = top + bars.size() * row + 34;
        int most = Math.max(1, bars.stream().mapToInt(Bar::count).max().orElse(1));
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
                + "width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\">%n",
                width, height, width, height));
        svg.append("<title>").append(escape(title)).append("</title>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"18\" font-weight=\"bold\">%s</text>%n",
                escape(title)));
        int y = top;
        for (Bar bar : bars) {
            double length = Math.max(1, plot * (double) bar.count() / most);
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" "
                    + "font-family=\"monospace\">%s</text>%n", labelWidth - 6, y + 14, escape(bar.label())));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\">"
                            + "<title>%s: %d</title></rect>%n", labelWidth, y + 3, length, row - 6,
                    bar.expected() ? EXPECTED : WRONG, escape(bar.label()), bar.count()));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%d</text>%n", labelWidth + length + 6,
                    y + 14, bar.count()));
            y += row;
        }
        y += 20;
        svg.append(String.format(Locale.ROOT, "<rect x=\"4\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                + "<text x=\"22\" y=\"%d\">expected</text>%n", y - 10, EXPECTED, y));
        svg.append(String.format(Locale.ROOT, "<rect x=\"100\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                + "<text x=\"118\" y=\"%d\">wrong (a lost update)</text>%n", y - 10, WRONG, y));
        svg.append("</svg>\n");
        return svg.toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
