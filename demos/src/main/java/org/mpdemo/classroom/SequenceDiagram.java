package org.mpdemo.classroom;

import java.util.ArrayList;
import java.util.List;
import org.mpdemo.demos.TraceLog;
import org.mpdemo.multiprocessing.trace.TraceEvent;

/**
 * One round of a race demo drawn as the tutorial draws it: a lifeline for each process and one for the shared
 * value between them, and an arrow for each read (from the value, labelled with what it gave) and each write (to
 * the value, labelled with what it stored), top to bottom in the order they happened. Read from a trace that
 * records values ({@code --trace-values}); the round is the first two processes the program started.
 */
public final class SequenceDiagram {
    /** One access: which lifeline (0 or 2; 1 is the value), a read or a write, and the value it carried. */
    public record Arrow(int process, boolean read, String value) {
    }

    private static final int LANE = 26;

    private final List<Arrow> arrows;
    private final String finalValue;

    private SequenceDiagram(List<Arrow> arrows, String finalValue) {
        this.arrows = arrows;
        this.finalValue = finalValue;
    }

    /** The first round of the trace; empty when the trace has no two processes or no value events. */
    public static SequenceDiagram of(TraceLog trace) {
        List<TraceLog.Event> starts = trace.named(TraceEvent.PROCESS_START);
        List<Arrow> arrows = new ArrayList<>();
        if (starts.size() < 2) return new SequenceDiagram(arrows, null);
        long first = Long.parseLong(starts.get(0).get("child"));
        long second = Long.parseLong(starts.get(1).get("child"));
        String last = null;
        for (TraceLog.Event e : trace.events()) {
            boolean read = e.is(TraceEvent.VALUE_GET);
            if (!read && !e.is(TraceEvent.VALUE_SET)) continue;
            if (e.pid() != first && e.pid() != second) continue;
            arrows.add(new Arrow(e.pid() == first ? 0 : 2, read, e.get("value")));
            if (!read) last = e.get("value");
        }
        return new SequenceDiagram(arrows, last);
    }

    public List<Arrow> arrows() {
        return arrows;
    }

    /** The diagram as text: three columns of lifelines, 80 columns at most. */
    public List<String> render() {
        List<String> lines = new ArrayList<>();
        lines.add((center("Process 1") + center("shared value") + center("Process 2")).stripTrailing());
        lines.add(lifelines());
        for (Arrow a : arrows) {
            char[] row = lifelines().toCharArray();
            int from = (LANE - 1) / 2 + a.process * LANE;
            int value = (LANE - 1) / 2 + LANE;
            int left = Math.min(from, value) + 1;
            int right = Math.max(from, value) - 1;
            for (int i = left; i <= right; i++) row[i] = '-';
            boolean towardsValue = !a.read;
            boolean pointsRight = towardsValue == (a.process == 0);
            if (pointsRight) row[right] = '>'; else row[left] = '<';
            String label = " " + (a.read ? "read " : "write ") + a.value + " ";
            int at = left + (right - left + 1 - label.length()) / 2;
            for (int i = 0; i < label.length(); i++) row[at + i] = label.charAt(i);
            lines.add(new String(row).stripTrailing());
        }
        lines.add(lifelines());
        if (finalValue != null) lines.add("The value at the end of the round: " + finalValue);
        return lines;
    }

    /** The same as an SVG picture. */
    public String svg() {
        int width = 3 * LANE * 10;
        int rowHeight = 34;
        int height = 70 + (arrows.size() + 1) * rowHeight + 30;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" font-family=\"monospace\" font-size=\"14\">\n");
        s.append("<rect x=\"0\" y=\"0\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" fill=\"white\"/>\n");
        String[] names = {"Process 1", "shared value", "Process 2"};
        int bottom = height - 40;
        for (int lane = 0; lane < 3; lane++) {
            int x = lane * LANE * 10 + LANE * 5;
            s.append("<text x=\"").append(x).append("\" y=\"30\" text-anchor=\"middle\">").append(names[lane])
                    .append("</text>\n");
            s.append("<line x1=\"").append(x).append("\" y1=\"42\" x2=\"").append(x).append("\" y2=\"").append(bottom)
                    .append("\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>\n");
        }
        int y = 42 + rowHeight;
        for (Arrow a : arrows) {
            int from = a.process * LANE * 10 + LANE * 5;
            int value = LANE * 10 + LANE * 5;
            int x1 = a.read ? value : from;
            int x2 = a.read ? from : value;
            int head = x2 > x1 ? -8 : 8;
            String colour = a.read ? "#1f5fa8" : "#b03a2e";
            s.append("<line x1=\"").append(x1).append("\" y1=\"").append(y).append("\" x2=\"").append(x2)
                    .append("\" y2=\"").append(y).append("\" stroke=\"").append(colour).append("\" stroke-width=\"2\"/>\n");
            s.append("<polygon points=\"").append(x2).append(',').append(y).append(' ').append(x2 + head).append(',')
                    .append(y - 5).append(' ').append(x2 + head).append(',').append(y + 5).append("\" fill=\"")
                    .append(colour).append("\"/>\n");
            s.append("<text x=\"").append((x1 + x2) / 2).append("\" y=\"").append(y - 7)
                    .append("\" text-anchor=\"middle\">").append(a.read ? "read " : "write ").append(a.value)
                    .append("</text>\n");
            y += rowHeight;
        }
        if (finalValue != null) {
            s.append("<text x=\"").append(LANE * 5).append("\" y=\"").append(height - 12).append("\">")
                    .append("The value at the end of the round: ").append(finalValue).append("</text>\n");
        }
        return s.append("</svg>\n").toString();
    }

    private static String lifelines() {
        return center("|") + center("|") + center("|").stripTrailing();
    }

    private static String center(String text) {
        int left = (LANE - text.length()) / 2;
        return " ".repeat(Math.max(0, left)) + text + " ".repeat(Math.max(0, LANE - left - text.length()));
    }
}
