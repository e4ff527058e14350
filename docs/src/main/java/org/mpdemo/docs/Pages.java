package org.mpdemo.docs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mpdemo.classroom.DemoSource;
import org.mpdemo.classroom.Expectations;
import org.mpdemo.classroom.JavadocText;
import org.mpdemo.classroom.LostUpdate;
import org.mpdemo.classroom.Observation;
import org.mpdemo.classroom.OutcomeTable;
import org.mpdemo.classroom.Timeline;
import org.mpdemo.demos.DemoInfo;
import org.mpdemo.multiprocessing.trace.TraceEvent;

/**
 * The site's pages as AsciiDoc: an index, one page per topic (each demo with our explanation, its code included
 * from its source file, the output of a real run, its timeline; race demos with their outcome table and
 * histogram), and a page on the command line.
 */
final class Pages {
    /** Our own words on what each topic is about; a topic without an entry gets a plain sentence. */
    static final Map<String, String> INTRODUCTIONS = Map.of(
            "semaphore", "A semaphore lets a fixed number of tasks in at a time. The tutorial hands one to pool "
                    + "tasks as an argument, which cannot work: a primitive may reach another process only while "
                    + "that process starts. First the three ways the mistake shows (silence, one callback, a "
                    + "re-raised error), then two ways that work.",
            "lock", "A lock lets one task in at a time. The same mistake as with the semaphore, and the same two "
                    + "fixes, plus what happens to the inherited-global fix when workers are spawned instead of "
                    + "forked.",
            "condition", "A condition lets tasks wait until another process says go. Passing it to tasks fails "
                    + "as the other primitives do; the working versions show the tasks waking one at a time, and "
                    + "the last demo what happens when the signal comes before anyone waits.",
            "pool", "What a pool does when one of its workers dies in the middle of a task.",
            "basics", "The shape of every multiprocessing program: start processes and wait for them, map a "
                    + "function over a pool, pass items through a queue.",
            "manager", "A manager is a server process that holds shared objects; other processes use them "
                    + "through proxies, one call at a time. That makes every call safe, but not a read and a write "
                    + "made as two calls.",
            "races", "Two processes that update one shared number without a lock lose updates. These pages count "
                    + "how often over several runs, tell one lost update step by step from a run's trace, then "
                    + "fix the race with a lock or with an atomic update.");

    private final List<String> topics;
    private final Map<String, List<Capture>> byTopic;
    private final List<ForcedRun> forced;
    private final Path sources;
    private final double timeScale;

    Pages(List<String> topics, Map<String, List<Capture>> byTopic, List<ForcedRun> forced, Path sources,
            double timeScale) {
        this.topics = topics;
        this.byTopic = byTopic;
        this.forced = forced;
        this.sources = sources;
        this.timeScale = timeScale;
    }

    static String title(String topic) {
        return topic.substring(0, 1).toUpperCase(Locale.ROOT) + topic.substring(1);
    }

    // ---- index -------------------------------------------------------------------------------------------

    String index() {
        List<String> a = new ArrayList<>();
        a.add("= mpdemo: Python's multiprocessing tutorials, in Java");
        a.add("");
        a.add("[.lead]");
        a.add("Each demo here is one program from a well-known Python `multiprocessing` tutorial, rewritten in "
                + "Java on a runtime that works the way CPython's does: a pool's workers are real processes, and "
                + "a lock may travel to a process only while it starts. So the tutorials' mistakes fail here as "
                + "they fail in Python, and each page says why.");
        a.add("");
        a.add("Every demo has its explanation, its code (included from its source file), the output of a real "
                + "run made while this site was built, and a timeline of that run: one lane per task or process, "
                + "showing when it ran, waited for a lock, held it, or waited on a condition or at a barrier.");
        a.add("");
        a.add("Where CPython raises `RuntimeError: Lock objects should only be shared between processes through "
                + "inheritance`, these demos print `SharingError` with the same message. `SharingError` is this "
                + "kit's name for that `RuntimeError`: Java has none, and catching Java's `RuntimeException` would "
                + "catch every unchecked exception, not only this mistake.");
        a.add("");
        a.add("== Topics");
        a.add("");
        for (String topic : topics) {
            a.add("=== link:" + topic + ".html[" + title(topic) + "]");
            a.add("");
            a.add(INTRODUCTIONS.getOrDefault(topic, "The " + topic + " demos."));
            a.add("");
            for (Capture c : byTopic.get(topic)) {
                a.add("* link:" + topic + ".html#" + c.demo().id() + "[`" + c.demo().id() + "`]: "
                        + text(c.demo().summary()));
            }
            a.add("");
        }
        a.add("== Running them yourself");
        a.add("");
        a.add("From a clone of the repository, on Linux (x86-64 or aarch64; on Windows, WSL 2) with a JDK 17 or "
                + "newer and Maven. The runtime is Linux only: it shares memory through `/proc/<pid>/fd` and blocks "
                + "with the `futex` system call.");
        a.add("");
        a.add("[source,shell]");
        a.add("----");
        a.add("./mpdemo list                      # every demo");
        a.add("./mpdemo explain lock-error-callback");
        a.add("./mpdemo run lock-error-callback   # builds on first use");
        a.add("./mpdemo walkthrough lock          # a topic, step by step, for a class");
        a.add("./mpdemo verify                    # does every demo behave as documented here?");
        a.add("----");
        a.add("");
        a.add("link:commands.html[The command line] describes every command and option. "
                + "link:architecture.html[The architecture page] maps the runtime's packages for those who change it.");
        a.add("");
        a.add("[.built]");
        a.add("This site was built from real runs at time scale " + Capture.number(timeScale) + " (every pause "
                + "in a demo shortened to that fraction; a demo whose tasks must overlap ran at "
                + Capture.number(Expectations.OVERLAP_SCALE) + ", and a race whose outcome depends on its pauses "
                + "at the tutorial's timing), on a machine "
                + "with " + Runtime.getRuntime().availableProcessors() + " CPUs and Java "
                + System.getProperty("java.version") + ".");
        return String.join("\n", a) + "\n";
    }

    // ---- a topic ----------------------------------------------------------------------------------------

    String topic(String topic) {
        List<String> a = new ArrayList<>();
        a.add("= " + title(topic));
        a.add("");
        a.add("[.lead]");
        a.add(INTRODUCTIONS.getOrDefault(topic, "The " + topic + " demos."));
        a.add("");
        if (topic.equals("races")) forcedSequences(a);
        for (Capture c : byTopic.get(topic)) demo(a, c);
        a.addAll(pager(topic));
        return String.join("\n", a) + "\n";
    }

    /** The tutorial's three sequence diagrams of the bank race, each forced by a schedule in a real run. */
    private void forcedSequences(List<String> a) {
        a.add("[[forced]]");
        a.add("== The tutorial's three interleavings, forced");
        a.add("");
        a.add("The tutorial draws three orders in which a withdraw (process 1) and a deposit (process 2) can reach "
                + "a balance of 100. Here each is forced on real processes: `--ops 1` makes each process read the "
                + "balance once and write it once, and `--schedule` names the process that makes each next "
                + "access, so every one of the ten rounds comes out the same. `--diagram` draws the first round "
                + "from its trace; the pictures were written by the same runs, with `--svg`.");
        a.add("");
        for (ForcedRun f : forced) {
            a.add("[[schedule-" + f.sequence().schedule().replace(',', '-') + "]]");
            a.add("=== `--schedule " + f.sequence().schedule() + "`");
            a.add("");
            a.add("." + "What the run printed: `" + f.command() + "`");
            a.add("[.output]");
            a.add("........");
            a.add("$ " + f.command());
            a.addAll(f.run().lines());
            a.add("(exit status " + f.run().exitCode() + ")");
            a.add("........");
            a.add("");
            // quoted: the schedule's commas would otherwise end the alt text and start attributes
            a.add(image(f.image(), "Sequence diagram of the schedule " + f.sequence().schedule(), "sequence"));
            a.add("");
            a.add(text(f.sequence().meaning()));
            a.add("");
        }
        a.add("`./mpdemo explore bank-race --ops 1` runs all six orders of the four accesses and counts the "
                + "outcomes; `./mpdemo step bank-race --ops 1` lets you choose each next access yourself.");
        a.add("");
    }

    private void demo(List<String> a, Capture c) {
        DemoInfo demo = c.demo();
        DemoSource source = DemoSource.of(demo.mainClass());
        JavadocText doc = source.javadoc();
        a.add("[[" + demo.id() + "]]");
        a.add("== " + demo.id());
        a.add("");
        a.add("[.summary]");
        a.add(text(demo.summary()));
        a.add("");
        passthrough(a, List.of(doc.htmlParagraphs().get(0)));
        passthrough(a, doc.htmlExplanation());
        a.add("." + "The program (`" + source.fileName() + "`)");
        a.add("[source,java]");
        a.add("----");
        a.add(include(demo, source));
        a.add("----");
        a.add("");
        Observation first = c.runs().get(0);
        a.add(".What a real run printed: `" + c.command() + "`");
        a.add("[.output]");
        a.add("........");
        a.add("$ " + c.command());
        a.addAll(first.lines());
        a.addAll(first.errorLines());
        a.add("(exit status " + first.exitCode() + ")");
        a.add("........");
        a.add("");
        if (demo.outcomes() != null) race(a, c);
        Timeline timeline = Timeline.of(c.pictured().trace());
        if (timeline.lanes().isEmpty()) {
            boolean refused = c.pictured().trace().named(TraceEvent.ERROR).stream()
                    .anyMatch(e -> "serializing in the parent".equals(e.get("where")));
            a.add("No task or process ran in this run, so there is no timeline to draw"
                    + (refused ? ": every task failed in the main process, before it could reach a worker." : "."));
        } else if (!timeline.worthDrawing()) {
            long longest = timeline.lanes().stream().mapToLong(l -> l.end() - l.start()).max().orElse(0);
            a.add("No timeline: each of this run's " + timeline.lanes().size() + " lanes lasted at most "
                    + String.format(Locale.ROOT, "%.2f", longest / 1e6) + " ms of its "
                    + String.format(Locale.ROOT, "%.2f", timeline.seconds()) + " s, less than a pixel of a picture.");
        } else {
            String which = c.runs().size() == 1 && c.told().isEmpty() ? "that run" : c.told().map(t -> t.which())
                    .orElse("run 1");
            a.add(".Timeline of " + which + ": " + timeline.lanes().size() + " lanes over "
                    + String.format(Locale.ROOT, "%.2f", timeline.seconds()) + " s");
            a.add(image(demo.id() + "-timeline.svg", "Timeline of " + demo.id() + ", one lane per task or process",
                    "timeline"));
            for (Timeline.Lane lane : timeline.lanes()) {
                if (lane.died() == null) continue;
                a.add("");
                a.add("The red cross ends the lane of _" + lane.label() + "_: " + lane.died() + ".");
            }
            Map<String, List<Timeline.Holding>> byKind = new java.util.LinkedHashMap<>();
            for (Timeline.Holding h : timeline.holdings()) {
                byKind.computeIfAbsent(h.kind(), k -> new ArrayList<>()).add(h);
            }
            for (Map.Entry<String, List<Timeline.Holding>> kind : byKind.entrySet()) {
                a.add("");
                List<Timeline.Holding> all = kind.getValue();
                int most = all.stream().mapToInt(Timeline.Holding::most).max().orElse(0);
                a.add(all.size() == 1 ? "Most holders of the " + kind.getKey() + " at once: *" + most + "*."
                        : "Most holders at once of any of the " + all.size() + " " + kind.getKey() + "s: *" + most
                                + "*.");
            }
        }
        a.add("");
    }

    private void race(List<String> a, Capture c) {
        OutcomeTable table = OutcomeTable.of(c.demo(), c.runs(), false);
        a.add("." + "Outcomes of " + c.runs().size() + (c.runs().size() == 1 ? " run" : " runs") + " ("
                + table.total() + " results)");
        a.add("[cols=\"4,1,1,2\",options=\"header\",role=outcomes]");
        a.add("|===");
        a.add("|Outcome |Count |Frequency |Verdict");
        for (OutcomeTable.Row row : table.shown(10)) {
            a.add((row.outcome().startsWith("(") ? "|" + text(row.outcome()) : "|`+" + row.outcome() + "+`") + " |" + row.count() + " |"
                    + String.format(Locale.ROOT, "%.1f %%", 100 * row.frequency()) + " |"
                    + (row.verdict() == null ? "" : row.verdict()));
        }
        a.add("|===");
        a.add("");
        int k = 0;
        for (String kind : Histogram.byKind(table.rows()).keySet()) {
            a.add(image(c.demo().id() + "-outcomes-" + (k++) + ".svg", "Histogram of "
                    + kind.strip().replaceAll("[\\s:=]+$", "") + " outcomes", "histogram"));
            a.add("");
        }
        if (c.told().isPresent()) {
            LostUpdate.Story story = c.told().get().story();
            a.add("." + "A lost update, step by step (from " + c.told().get().which() + ")");
            for (String step : story.steps()) a.add(". " + text(step));
            a.add("");
            a.add(text(story.conclusion()));
            a.add("");
        } else if (table.wrong() == 0) {
            a.add("Every result was the expected one.");
            a.add("");
        }
    }

    /** The program, included from the demo's source file: its tagged region, or its lines if it has none. */
    private String include(DemoInfo demo, DemoSource source) {
        String file = "{sourcedir}/" + demo.mainClass().getName().replace('.', '/') + ".java";
        if (source.hasTag("program")) return "include::" + file + "[tag=program]";
        int[] lines = source.programLines();
        return "include::" + file + "[lines=" + lines[0] + ".." + lines[1] + "]";
    }

    private List<String> pager(String topic) {
        int i = topics.indexOf(topic);
        List<String> links = new ArrayList<>();
        if (i > 0) links.add("link:" + topics.get(i - 1) + ".html[← " + title(topics.get(i - 1)) + "]");
        links.add("link:index.html[All topics]");
        if (i + 1 < topics.size()) links.add("link:" + topics.get(i + 1) + ".html[" + title(topics.get(i + 1)) + " →]");
        return List.of("[.pager]", String.join(" · ", links), "");
    }

    // ---- the command line --------------------------------------------------------------------------------

    String commands(List<String> manPages) {
        List<String> a = new ArrayList<>();
        a.add("= The command line");
        a.add("");
        a.add("[.lead]");
        a.add("`./mpdemo` runs from anywhere in a clone; it builds what it needs first. Each command has a "
                + "manual page, made from the command line's own definition:");
        a.add("");
        for (String page : manPages) {
            String name = page.replace(".adoc", "");
            a.add("* link:" + name + ".html[`" + name.replaceFirst("^mpdemo-", "mpdemo ") + "`]");
        }
        a.add("");
        a.add("== Shell completion");
        a.add("");
        a.add("Bash or zsh complete commands, options, demo topics and file names after:");
        a.add("");
        a.add("[source,shell]");
        a.add("----");
        a.add("source <(./mpdemo generate-completion)");
        a.add("----");
        a.add("");
        a.add("== This site");
        a.add("");
        a.add("`mvn verify` builds it into `docs/target/site`; `./mpdemo docs --out DIR` builds it anywhere. "
                + "Either way every demo is run for real first.");
        a.add("");
        a.add("[.pager]");
        a.add("link:index.html[All topics]");
        return String.join("\n", a) + "\n";
    }

    /** The navigation bar every page starts with (AsciiDoctor's shared docinfo header). */
    String navigation() {
        StringBuilder nav = new StringBuilder("<nav class=\"site-nav\"><a class=\"home\" href=\"index.html\">mpdemo</a>");
        for (String topic : topics) {
            nav.append("<a href=\"").append(topic).append(".html\">").append(title(topic)).append("</a>");
        }
        nav.append("<a href=\"commands.html\">Commands</a>");
        nav.append("<a href=\"architecture.html\">Architecture</a></nav>\n");
        return nav.toString();
    }

    // ---- AsciiDoc helpers --------------------------------------------------------------------------------

    /** Paragraphs already made HTML (escaped), passed through untouched. */
    private static void passthrough(List<String> a, List<String> html) {
        if (html.isEmpty()) return;
        a.add("++++");
        for (String p : html) a.add("<div class=\"paragraph\"><p>" + p + "</p></div>");
        a.add("++++");
        a.add("");
    }

    /** Plain text that AsciiDoc must not read as markup. */
    /**
     * An image block. The alt text is quoted, so that a comma in it does not start the next attribute (the width)
     * and no markup of ours ends up in it.
     */
    static String image(String file, String alt, String role) {
        return "image::images/" + file + "[\"" + alt.replace("\"", "'") + "\",role=" + role + "]";
    }

    static String text(String plain) {
        return "pass:[" + plain.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("]", "&#93;") + "]";
    }

    Path sources() {
        return sources;
    }
}
