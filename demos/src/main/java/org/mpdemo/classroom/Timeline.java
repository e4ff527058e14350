package org.mpdemo.classroom;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.mpdemo.demos.TraceLog;
import org.mpdemo.multiprocessing.trace.TraceEvent;
import picocli.CommandLine.Help.Ansi.Style;

/**
 * A run's trace drawn as one lane per task across a time axis: when each task ran, waited to acquire a
 * primitive, held it, or waited on a condition — and, under the lanes, the most holders any primitive had at
 * once. Text for a terminal ({@link #render}), SVG for a page ({@link #svg}).
 */
public final class Timeline {

    /** What a task was doing: listed from least to most important, which decides what a text cell shows. */
    public enum State {
        RUN('-', "running", "#c9d1d9", Style.reset),
        WAIT('.', "waiting to acquire", "#f4a261", Style.fg_yellow),
        CONDITION('~', "waiting on a condition", "#8ecae6", Style.fg_cyan),
        BARRIER('=', "waiting at a barrier", "#c3a6e8", Style.fg_magenta),
        HOLD('#', "holding", "#2a9d8f", Style.fg_green);

        final char symbol;
        final String meaning;
        /** In the SVG picture. */
        final String colour;
        /** On a terminal. */
        final Style style;

        State(char symbol, String meaning, String colour, Style style) {
            this.symbol = symbol;
            this.meaning = meaning;
            this.colour = colour;
            this.style = style;
        }
    }

    public record Span(State state, long from, long to) {
    }

    /**
     * One task or process. {@code died} says how its process ended when it ended before the lane's work did (a
     * worker that died in a task, a process with a non-zero exit code); null otherwise.
     */
    public record Lane(String label, long pid, long start, long end, List<Span> spans, String died) {
    }

    /** The most holders one primitive had at once, and when that was first reached. */
    public record Holding(String obj, String kind, int most, long reachedAt) {
    }

    private final List<Lane> lanes;
    private final List<Holding> holdings;
    private final long origin;
    private final long end;

    private Timeline(List<Lane> lanes, List<Holding> holdings, long origin, long end) {
        this.lanes = lanes;
        this.holdings = holdings;
        this.origin = origin;
        this.end = end;
    }

    public List<Lane> lanes() {
        return lanes;
    }

    public List<Holding> holdings() {
        return holdings;
    }

    /** Seconds from the first lane's start to the last lane's end. */
    public double seconds() {
        return (end - origin) / 1e9;
    }

    private static final class Builder {
        final String label;
        final long pid;
        final long start;
        long end = -1;
        long lastSeen;
        final List<Span> spans = new ArrayList<>();
        Long waitFrom;
        Long conditionFrom;
        Long barrierFrom;
        final Map<String, Long> holdFrom = new HashMap<>();
        String died;

        Builder(String label, long pid, long start) {
            this.label = label;
            this.pid = pid;
            this.start = start;
            this.lastSeen = start;
        }

        void close(long t) {
            end = t;
            for (Long from : holdFrom.values()) spans.add(new Span(State.HOLD, from, t));
            holdFrom.clear();
            if (conditionFrom != null) spans.add(new Span(State.CONDITION, conditionFrom, t));
            if (barrierFrom != null) spans.add(new Span(State.BARRIER, barrierFrom, t));
            barrierFrom = null;
            if (waitFrom != null) spans.add(new Span(State.WAIT, waitFrom, t));
            conditionFrom = null;
            waitFrom = null;
        }

        Lane lane() {
            return new Lane(label, pid, start, end, List.copyOf(spans), died);
        }
    }

    /**
     * Builds the lanes from a trace: one per pool task ({@code task-start} to {@code task-end}), one per process
     * a program started itself ({@code process-start} to that process's last event), and one per other process
     * seen acquiring or waiting outside a task.
     */
    public static Timeline of(TraceLog trace) {
        List<Builder> all = new ArrayList<>();
        Map<Long, Builder> current = new HashMap<>();
        Map<Long, String> processNames = new HashMap<>();
        boolean severalJobs = trace.named(TraceEvent.TASK_START).stream().map(e -> e.get("job")).distinct().count() > 1;
        // A manager's server records acquire and release for every client; its clients' proxies say which
        // task held what (proxy-acquire/proxy-release), so the lanes come from those, not from the server.
        Set<Long> managers = new HashSet<>();
        for (TraceLog.Event e : trace.named(TraceEvent.MANAGER_START)) managers.add(e.pid());
        // the program's own process (the first to record anything) has CPython's name for it
        if (!trace.events().isEmpty()) processNames.put(trace.events().get(0).pid(), "MainProcess");
        boolean terminating = false;
        for (TraceLog.Event e : trace.events()) {
            if (managers.contains(e.pid())) continue;
            Builder lane = current.get(e.pid());
            if (lane != null) lane.lastSeen = e.t();
            TraceEvent kind = e.kind();
            if (kind == null) continue; // a name this runtime does not write: nothing to draw
            switch (kind) {
                case PROCESS_START -> {
                    long child = Long.parseLong(e.get("child"));
                    String name = e.get("name") == null ? "process " + child : e.get("name");
                    processNames.put(child, name);
                    Builder b = new Builder(name, child, e.t());
                    current.put(child, b);
                    all.add(b);
                }
                case TASK_START -> {
                    if (lane != null) lane.close(e.t());
                    String label = (severalJobs ? "job " + e.get("job") + " " : "") + "task " + e.get("task");
                    Builder b = new Builder(label, e.pid(), e.t());
                    current.put(e.pid(), b);
                    all.add(b);
                }
                case TASK_END -> {
                    if (lane != null) {
                        lane.close(e.t());
                        current.remove(e.pid());
                    }
                }
                case PROCESS_EXIT -> {
                    long child = Long.parseLong(e.get("child"));
                    Builder ended = current.remove(child);
                    if (ended != null) {
                        int code = Integer.parseInt(e.get("exitcode"));
                        if (code != 0) ended.died = "it ended with exit code " + code;
                        ended.close(e.t());
                    }
                }
                case POOL_TERMINATE -> terminating = true;
                case WORKER_EXIT -> {
                    // a worker that exits in the middle of a task: the task's lane ends where the worker was last
                    // heard from, and says how it ended
                    Builder task = current.remove(Long.parseLong(e.get("worker")));
                    if (task != null) {
                        task.died = terminating ? "its worker was stopped by terminate()"
                                : "its worker process " + e.get("worker") + " died (exit status " + e.get("status") + ")";
                        task.close(Math.max(task.lastSeen, task.start));
                    }
                }
                case ACQUIRE_WAIT, ACQUIRE, RELEASE, WAIT, WAKE, PROXY_ACQUIRE_WAIT, PROXY_ACQUIRE, PROXY_RELEASE -> {
                    if (lane == null) {
                        lane = new Builder(processNames.getOrDefault(e.pid(), "process " + e.pid()), e.pid(), e.t());
                        current.put(e.pid(), lane);
                        all.add(lane);
                    }
                    apply(lane, e);
                }
                default -> {
                    // other events (value-get, value-set …) show the process busy but change no state
                }
            }
        }
        for (Builder b : current.values()) if (b.end < 0) b.close(Math.max(b.lastSeen, b.start));
        List<Lane> lanes = new ArrayList<>();
        long origin = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        for (Builder b : all) {
            lanes.add(b.lane());
            origin = Math.min(origin, b.start);
            end = Math.max(end, b.end);
        }
        if (lanes.isEmpty()) {
            origin = 0;
            end = 0;
        }
        return new Timeline(lanes, holdings(trace), origin, end);
    }

    private static void apply(Builder lane, TraceLog.Event e) {
        String obj = e.get("obj");
        switch (e.kind()) {
            case ACQUIRE_WAIT, PROXY_ACQUIRE_WAIT -> lane.waitFrom = e.t();
            case ACQUIRE, PROXY_ACQUIRE -> {
                if (lane.waitFrom != null) lane.spans.add(new Span(State.WAIT, lane.waitFrom, e.t()));
                lane.waitFrom = null;
                lane.holdFrom.putIfAbsent(obj, e.t());
            }
            case RELEASE, PROXY_RELEASE -> {
                Long from = lane.holdFrom.remove(obj);
                if (from != null) lane.spans.add(new Span(State.HOLD, from, e.t()));
            }
            case WAIT -> {
                if ("Barrier".equals(e.get("kind"))) {
                    lane.barrierFrom = e.t();
                } else {
                    lane.conditionFrom = e.t();
                }
            }
            case WAKE -> {
                if ("Barrier".equals(e.get("kind"))) {
                    if (lane.barrierFrom != null) lane.spans.add(new Span(State.BARRIER, lane.barrierFrom, e.t()));
                    lane.barrierFrom = null;
                } else {
                    if (lane.conditionFrom != null) {
                        lane.spans.add(new Span(State.CONDITION, lane.conditionFrom, e.t()));
                    }
                    lane.conditionFrom = null;
                }
            }
            default -> {
            }
        }
    }

    private static List<Holding> holdings(TraceLog trace) {
        Map<String, String> kinds = new LinkedHashMap<>();
        for (TraceLog.Event e : trace.named(TraceEvent.ACQUIRE)) kinds.putIfAbsent(e.get("obj"), e.get("kind"));
        List<Holding> result = new ArrayList<>();
        for (Map.Entry<String, String> k : kinds.entrySet()) {
            int holders = 0;
            int most = 0;
            long reached = 0;
            for (TraceLog.Event e : trace.events()) {
                if (!k.getKey().equals(e.get("obj"))) continue;
                if (e.is(TraceEvent.ACQUIRE) && ++holders > most) {
                    most = holders;
                    reached = e.t();
                } else if (e.is(TraceEvent.RELEASE)) {
                    holders--;
                }
            }
            result.add(new Holding(k.getKey(), k.getValue(), most, reached));
        }
        return result;
    }

    /**
     * One sentence per primitive on its most holders at once — or, for a kind with more than two primitives (a
     * barrier's locks, one per transaction), one sentence for them all.
     */
    public List<String> holdingLines() {
        Map<String, List<Holding>> byKind = new LinkedHashMap<>();
        for (Holding h : holdings) byKind.computeIfAbsent(h.kind(), k -> new ArrayList<>()).add(h);
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, List<Holding>> kind : byKind.entrySet()) {
            List<Holding> all = kind.getValue();
            if (all.size() <= 2) {
                for (Holding h : all) {
                    lines.add(String.format(Locale.ROOT, "Most holders at once: %d (%s %s), first reached at %s",
                            h.most(), h.kind(), h.obj(), seconds(h.reachedAt() - origin)));
                }
            } else {
                int most = all.stream().mapToInt(Holding::most).max().orElse(0);
                lines.add("Most holders at once: " + most + " (the most of any of " + all.size() + " "
                        + kind.getKey() + "s)");
            }
        }
        return lines;
    }

    /** One sentence per lane whose process ended before its work did, as in "task 3: its worker … died". */
    public List<String> deathLines() {
        return lanes.stream().filter(l -> l.died() != null).map(l -> "X " + l.label() + ": " + l.died()).toList();
    }

    /**
     * Whether the picture would show anything: a lane drawn at least {@value #VISIBLE} pixels wide of
     * {@value #PLOT_WIDTH}. A run of tasks that take microseconds each, spread over a JVM's start-up, would draw
     * only slivers.
     */
    public boolean worthDrawing() {
        double span = Math.max(1, end - origin);
        return lanes.stream().anyMatch(l -> (l.end() - l.start()) * PLOT_WIDTH / span >= VISIBLE);
    }

    /** The narrowest bar that reads as a bar, in pixels. */
    static final int VISIBLE = 4;

    /** The most holders at once of the first primitive of {@code kind}, or 0 if none was used. */
    public int mostHolders(String kind) {
        return holdings.stream().filter(h -> h.kind().equals(kind)).mapToInt(Holding::most).findFirst().orElse(0);
    }

    // ---- text ----------------------------------------------------------------------------------------------

    /** Draws the lanes in {@code width} columns; with {@code colour}, ANSI colours mark the states. */
    public String render(int width, boolean colour) {
        StringBuilder out = new StringBuilder();
        if (lanes.isEmpty()) {
            return "No task ran: the trace has nothing to draw.\n";
        }
        int labelWidth = lanes.stream().mapToInt(l -> l.label().length()).max().orElse(6) + 1;
        int columns = Math.max(10, width - labelWidth - 2);
        double span = Math.max(1, end - origin);
        double perColumn = span / columns;
        out.append(String.format(Locale.ROOT, "%d %s over %s (one column = %s)%n", lanes.size(),
                lanes.size() == 1 ? "lane" : "lanes",
                seconds(end - origin), seconds((long) perColumn)));
        String left = "0 s";
        String right = seconds(end - origin);
        out.append(" ".repeat(labelWidth + 1)).append(left)
                .append(" ".repeat(Math.max(1, columns - left.length() - right.length()))).append(right).append('\n');
        for (Lane lane : lanes) {
            out.append(String.format("%-" + labelWidth + "s|", lane.label()));
            for (int c = 0; c < columns; c++) {
                long from = origin + (long) (c * perColumn);
                long to = origin + (long) ((c + 1) * perColumn);
                State state = stateIn(lane, from, to);
                char symbol = state == null ? ' ' : state.symbol;
                if (lane.died() != null && endsIn(lane, from, to, c == columns - 1)) {
                    out.append(colour ? Terminal.paint("X", Style.fg_red, true) : "X");
                } else if (colour && state != null && state != State.RUN) {
                    out.append(Terminal.paint(String.valueOf(symbol), state.style, true));
                } else {
                    out.append(symbol);
                }
            }
            out.append("|\n");
        }
        // the legend, its entries kept whole, in as many lines as the width needs
        StringBuilder legend = new StringBuilder("Legend:");
        for (State s : State.values()) {
            String entry = "  " + s.symbol + ' ' + s.meaning;
            if (legend.length() + entry.length() > width && legend.length() > 0) {
                out.append(legend).append('\n');
                legend.setLength(0);
                legend.append("       ");
            }
            legend.append(entry);
        }
        if (!deathLines().isEmpty()) {
            String entry = "  X its process ended";
            if (legend.length() + entry.length() > width) {
                out.append(legend).append('\n');
                legend.setLength(0);
                legend.append("       ");
            }
            legend.append(entry);
        }
        out.append(legend).append('\n');
        for (String line : deathLines()) {
            for (String wrapped : Columns.wrap(line, width, "  ")) out.append(wrapped).append('\n');
        }
        for (String line : holdingLines()) {
            for (String wrapped : Columns.wrap(line, width, "")) out.append(wrapped).append('\n');
        }
        return out.toString();
    }

    /** Whether the lane ends in [from, to) (in the last column: at or after {@code from}). */
    private static boolean endsIn(Lane lane, long from, long to, boolean last) {
        return lane.end() >= from && (lane.end() < to || last);
    }

    /** The most important state of the lane in [from, to), or null where the task was not running. */
    static State stateIn(Lane lane, long from, long to) {
        if (lane.end() <= from || lane.start() >= to) return null;
        State best = State.RUN;
        for (Span s : lane.spans()) {
            if (s.to() > from && s.from() < to && s.state().ordinal() > best.ordinal()) best = s.state();
        }
        return best;
    }

    static String seconds(long nanos) {
        double s = nanos / 1e9;
        if (s >= 10) return String.format(Locale.ROOT, "%.1f s", s);
        if (s >= 0.1) return String.format(Locale.ROOT, "%.2f s", s);
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    // ---- SVG -----------------------------------------------------------------------------------------------

    /** The width of the SVG's time axis, in pixels. */
    static final int PLOT_WIDTH = 640;

    /** The same picture as a standalone SVG document. */
    public String svg() {
        int labelWidth = 90;
        int plotWidth = PLOT_WIDTH;
        int laneHeight = 20;
        int top = 30;
        int height = top + lanes.size() * laneHeight + 30 + 18 * (1 + deathLines().size() + holdingLines().size());
        double span = Math.max(1, end - origin);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
                        + "width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\">%n",
                labelWidth + plotWidth + 20, height, labelWidth + plotWidth + 20, height));
        svg.append("<title>Timeline: one lane per task</title>\n");
        // axis
        for (int i = 0; i <= 4; i++) {
            double x = labelWidth + plotWidth * i / 4.0;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
                    + "stroke=\"#999\" stroke-dasharray=\"2,3\"/>%n", x, top - 5, x, top + lanes.size() * laneHeight));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    x, top - 10, escape(seconds((long) (span * i / 4)))));
        }
        int y = top;
        for (Lane lane : lanes) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", 4, y + 14,
                    escape(lane.label())));
            svg.append(rect(labelWidth + plotWidth * (lane.start() - origin) / span, y + 3,
                    plotWidth * (lane.end() - lane.start()) / span, laneHeight - 6, State.RUN, 1));
            for (State state : new State[] {State.WAIT, State.CONDITION, State.BARRIER, State.HOLD}) {
                // spans of one state less than a pixel apart become one bar: the eye could not tell them apart,
                // and a lock taken 100 000 times would otherwise make a picture of 100 000 rectangles
                double from = -1;
                double to = -1;
                int merged = 0;
                for (Span s : lane.spans().stream().filter(s -> s.state() == state)
                        .sorted(java.util.Comparator.comparingLong(Span::from)).toList()) {
                    double x0 = labelWidth + plotWidth * (s.from() - origin) / span;
                    double x1 = labelWidth + plotWidth * (s.to() - origin) / span;
                    if (merged > 0 && x0 - to < 1) {
                        to = Math.max(to, x1);
                        merged++;
                        continue;
                    }
                    if (merged > 0) svg.append(rect(from, y + 3, to - from, laneHeight - 6, state, merged));
                    from = x0;
                    to = x1;
                    merged = 1;
                }
                if (merged > 0) svg.append(rect(from, y + 3, to - from, laneHeight - 6, state, merged));
            }
            if (lane.died() != null) {
                // a red cross where the lane's process ended
                double x = labelWidth + plotWidth * (lane.end() - origin) / span;
                svg.append(String.format(Locale.ROOT, "<path d=\"M%.1f %d l8 12 m0 -12 l-8 12\" stroke=\"%s\" "
                        + "stroke-width=\"2\"><title>%s</title></path>%n", x - 4, y + 4, DIED_COLOUR,
                        escape(lane.died())));
            }
            y += laneHeight;
        }
        y += 22;
        int x = 4;
        for (State s : State.values()) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>%n", x, y - 10, s.colour, x + 16, y, escape(s.meaning)));
            x += 30 + 7 * s.meaning.length();
        }
        for (String line : deathLines()) {
            // the lane's cross again, before what it means
            y += 18;
            svg.append(String.format(Locale.ROOT, "<path d=\"M5 %d l10 10 m0 -10 l-10 10\" stroke=\"%s\" "
                    + "stroke-width=\"2\"/><text x=\"20\" y=\"%d\">%s</text>%n", y - 10, DIED_COLOUR, y,
                    escape(line.substring(2))));
        }
        for (String line : holdingLines()) {
            y += 18;
            svg.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\">%s</text>%n", y,
                    escape(line.replaceAll(", first reached at .*", ""))));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static final String DIED_COLOUR = "#d62828";

    /** A bar of one state; {@code times} spans drawn as one say so in its tooltip. */
    private static String rect(double x, double y, double width, double height, State state, int times) {
        return String.format(Locale.ROOT, "<rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%d\" fill=\"%s\">"
                + "<title>%s</title></rect>%n", x, y, Math.max(0.5, width), (int) height, state.colour,
                state.meaning + (times == 1 ? "" : " (" + times + " times, closer than a pixel)"));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
