package org.mpdemo.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mpdemo.classroom.Walkthrough;
import org.mpdemo.demos.DemoCatalog;
import org.mpdemo.demos.DemoInfo;
import org.w3c.dom.Element;

/** The site the build made in target/site (see the exec plugin in the pom): complete, real, and linked. */
class SiteTest {
    static final Pattern LINK = Pattern.compile("(?:href|src)=\"([^\"]*)\"");
    static final Pattern ID = Pattern.compile("\\sid=\"([^\"]+)\"");
    static Path site;

    @BeforeAll
    static void site() {
        Assumptions.assumeFalse(Boolean.getBoolean("mpdemo.site.skip"), "the site was not built (mpdemo.site.skip)");
        site = Path.of(System.getProperty("mpdemo.site", "target/site"));
    }

    static String page(String name) throws IOException {
        Path file = site.resolve(name);
        assertTrue(Files.isRegularFile(file), "no page " + name);
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    @Test
    void everyPageExists() throws IOException {
        // the one platform the runtime needs, said where a reader learns to run the demos
        String index = page("index.html");
        assertTrue(index.contains("on Linux (x86-64 or aarch64; on Windows, WSL 2)"), "Linux");
        // once, plainly: the kit's name for CPython's error
        assertTrue(index.contains("<code>SharingError</code> is this kit&#8217;s name for that <code>RuntimeError</code>"),
                index);
        page("commands.html");
        page("mpdemo.css");
        // the maintainers' map, rendered: its title and the one task it follows
        String architecture = page("architecture.html");
        assertTrue(architecture.contains("Architecture: a map for maintainers"), architecture);
        assertTrue(architecture.contains("starmapAsync"), architecture);
        for (String topic : Walkthrough.topics()) page(topic + ".html");
        // a manual page for the command and for each subcommand
        page("mpdemo.html");
        for (String command : List.of("list", "run", "explore", "step", "explain", "timeline", "verify", "walkthrough", "docs",
                "generate-completion")) {
            String man = page("mpdemo-" + command + ".html");
            assertTrue(man.contains("mpdemo " + command), command);
            // the help's examples are kept, under their heading
            if (!command.equals("generate-completion")) {
                assertTrue(Pattern.compile("<h2 id=\"[^\"]*\">Examples?:</h2>").matcher(man).find(), command);
            }
        }
    }

    @Test
    void theCommandPageLinksEveryManualPageByItsCommand() throws IOException {
        String commands = page("commands.html");
        assertTrue(commands.contains("<a href=\"mpdemo-generate-completion.html\"><code>mpdemo generate-completion</code></a>"),
                commands);
        assertTrue(commands.contains("<a href=\"mpdemo-run.html\"><code>mpdemo run</code></a>"), commands);
    }

    @Test
    void everyDemoIsOnItsTopicPageWithItsCodeAndRealOutput() throws IOException {
        for (DemoInfo demo : DemoCatalog.all()) {
            String page = page(demo.topic() + ".html");
            int at = page.indexOf("id=\"" + demo.id() + "\"");
            assertTrue(at >= 0, demo.id() + " is not on " + demo.topic() + ".html");
            int next = page.indexOf("<h2 ", at + 1);
            String section = page.substring(at, next < 0 ? page.length() : next);
            // the code, included from the source file: its class, its main (read without the highlighting's tags)
            String shown = section.replaceAll("<[^>]+>", "");
            assertTrue(shown.contains("public final class " + demo.mainClass().getSimpleName() + " {"), demo.id());
            assertTrue(shown.contains("public static void main(String[] args)"), demo.id());
            assertTrue(!section.contains("tag::program") && !section.contains("include::"), demo.id());
            // the output of a real run, with its exit status
            assertTrue(section.contains("$ ./mpdemo run " + demo.id()), demo.id());
            assertTrue(Pattern.compile("\\(exit status [01]\\)").matcher(section).find(), demo.id());
            // our explanation, from the class comment
            assertTrue(section.contains("Expect"), demo.id() + " has no explanation");
            if (demo.outcomes() != null) {
                assertTrue(section.contains("<th class=\"tableblock halign-left valign-top\">Verdict</th>"),
                        demo.id() + " has no outcome table");
                assertTrue(section.contains("images/" + demo.id() + "-outcomes-0.svg"), demo.id() + " histogram");
            }
        }
    }

    @Test
    void outputsAreWhatTheDemosReallyPrint() throws IOException {
        String lock = page("lock.html");
        assertTrue(lock.contains("$ ./mpdemo run lock-error-callback --time-scale 0.01\n"
                + "Lock objects should only be shared between processes through inheritance\n(exit status 0)"), lock);
        assertTrue(page("basics.html").contains("[0, 1, 8, 27, 64, 125, 216, 343, 512, 729]"));
        String semaphore = page("semaphore.html");
        assertTrue(semaphore.contains("Most holders of the Semaphore at once: <strong>2</strong>."), semaphore);
        assertTrue(page("races.html").contains("A lost update, step by step"), "the bank race tells one");
        // a race whose outcome depends on its pauses ran at the tutorial's timing, as its text describes
        assertTrue(page("races.html").contains("$ ./mpdemo run value-array-race\n"), "value-array-race's timing");
    }

    /** The races page opens with the tutorial's three sequence diagrams, each forced in a real run and drawn. */
    @Test
    void theRacesPageShowsTheThreeForcedSequencesFromRealRuns() throws Exception {
        String races = page("races.html");
        String[][] expected = {{"1,2,1,2", "101", "read 100", "read 100", "write 99", "write 101"},
            {"2,1,2,1", "99", "read 100", "read 100", "write 101", "write 99"},
            {"1,1,2,2", "100", "read 100", "write 99", "read 99", "write 100"}};
        for (int i = 0; i < expected.length; i++) {
            String[] e = expected[i];
            String command = "$ ./mpdemo run bank-race --ops 1 --schedule " + e[0] + " --diagram --time-scale 0.01\n";
            String rounds = ("Final balance = " + e[1] + "\n").repeat(10);
            assertTrue(races.contains(command + rounds), e[0] + ": " + races);
            assertTrue(races.contains("The value at the end of the round: " + e[1] + "\n(exit status 0)"), e[0]);
            String image = "images/bank-race-schedule-" + (i + 1) + ".svg";
            assertTrue(races.contains("<img src=\"" + image + "\" alt=\"Sequence diagram of the schedule " + e[0]
                    + "\">"), image);
            org.w3c.dom.NodeList texts = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder()
                    .parse(site.resolve(image).toFile()).getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
            List<String> labels = new ArrayList<>();
            for (int k = 0; k < texts.getLength(); k++) labels.add(texts.item(k).getTextContent());
            assertEquals(List.of("Process 1", "shared value", "Process 2", e[2], e[3], e[4], e[5],
                    "The value at the end of the round: " + e[1]), labels, image);
        }
        // before the first demo, in the tutorial's order
        assertTrue(races.indexOf("--schedule 1,2,1,2") < races.indexOf("--schedule 2,1,2,1")
                && races.indexOf("--schedule 1,1,2,2") < races.indexOf("id=\"" + DemoCatalog.all().stream()
                        .filter(d -> d.topic().equals("races")).findFirst().orElseThrow().id() + "\""), races);
    }

    /** Pictures small enough for a browser to draw, pages light enough to load, image attributes clean. */
    @Test
    void picturesAndPagesStaySmallAndTheirAttributesClean() throws IOException {
        List<Path> pages;
        try (Stream<Path> files = Files.list(site)) {
            pages = files.filter(f -> f.toString().endsWith(".html")).toList();
        }
        Pattern img = Pattern.compile("<img src=\"([^\"]+)\" alt=\"([^\"]*)\"([^>]*)>");
        for (Path page : pages) {
            String html = Files.readString(page, StandardCharsets.UTF_8);
            long total = html.length();
            Matcher m = img.matcher(html);
            while (m.find()) {
                Path picture = site.resolve(m.group(1));
                long size = Files.size(picture);
                assertTrue(size <= 300_000, m.group(1) + " is " + size + " bytes");
                total += size;
                assertTrue(!m.group(2).contains("pass:[") && !m.group(2).contains("&lt;"), page + ": " + m.group(0));
                assertTrue(!m.group(3).contains("width=") || m.group(3).matches(".*width=\"\\d+\".*"),
                        page + ": " + m.group(0));
            }
            assertTrue(total <= 2_000_000, page.getFileName() + " with its pictures is " + total + " bytes");
        }
        // a topic of one demo does not promise mistakes and then fixes
        assertTrue(!page("pool.html").contains("first the mistakes"), "pool.html");
    }

    /** The code is highlighted with no script or stylesheet to fetch, and paper gets its own stylesheet. */
    @Test
    void codeIsHighlightedOfflineAndPrintingHasItsOwnStyle() throws IOException {
        String lock = page("lock.html");
        assertTrue(lock.contains("<pre class=\"rouge highlight\""), "no highlighted block");
        assertTrue(Pattern.compile("<span style=\"[^\"]*color: ?#[0-9a-fA-F]{3,6}[^\"]*\">public</span>")
                .matcher(lock).find(), "the keyword 'public' is not coloured");
        assertTrue(!lock.contains("<script src=\"http") && !lock.contains("<link rel=\"stylesheet\" href=\"http"),
                "the page fetches something from the network");
        String css = page("mpdemo.css");
        int print = css.indexOf("@media print");
        assertTrue(print >= 0 && css.indexOf(".site-nav, .pager { display: none; }", print) > print, css);
    }

    /** The widths of a timeline's running bars: one per lane. */
    static List<Double> runningBars(String image) throws Exception {
        org.w3c.dom.NodeList rects = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder()
                .parse(site.resolve(image).toFile()).getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect");
        List<Double> widths = new ArrayList<>();
        for (int i = 0; i < rects.getLength(); i++) {
            Element rect = (Element) rects.item(i);
            if (rect.getTextContent().equals("running")) widths.add(Double.parseDouble(rect.getAttribute("width")));
        }
        return widths;
    }

    /**
     * No timeline on the site is an empty sliver: each shows a bar one can see. Processes run until they end, and
     * pool-worker-crash's picture marks where its worker died, as its text says.
     */
    @Test
    void timelinesShowWhatRanAndMarkACrash() throws Exception {
        List<Path> timelines;
        try (Stream<Path> files = Files.list(site.resolve("images"))) {
            timelines = files.filter(f -> f.toString().endsWith("-timeline.svg")).toList();
        }
        assertTrue(timelines.size() >= DemoCatalog.all().size() / 2, "timelines: " + timelines.size());
        for (Path timeline : timelines) {
            double widest = runningBars("images/" + timeline.getFileName()).stream().mapToDouble(w -> w).max()
                    .orElse(0);
            assertTrue(widest >= 4, timeline.getFileName() + ": its widest bar is " + widest + " px");
        }
        // both processes of the basics demo run from their start to their exit: a good part of the picture each
        List<Double> processes = runningBars("images/processes-timeline.svg");
        assertEquals(2, processes.size(), "lanes: " + processes);
        for (double width : processes) assertTrue(width > 100, "a process lane of " + width + " px");

        String pool = page("pool.html");
        assertTrue(Pattern.compile("The red cross ends the lane of <em>job 1 task 3</em>: its worker process \\d+ "
                + "died \\(exit status 1\\)\\.").matcher(pool).find(), pool);
        String crash = Files.readString(site.resolve("images/pool-worker-crash-timeline.svg"));
        assertTrue(Pattern.compile("<path d=\"[^\"]+\" stroke=\"#d62828\" stroke-width=\"2\"><title>its worker "
                + "process \\d+ died \\(exit status 1\\)</title></path>").matcher(crash).find(), crash);
        assertTrue(crash.contains(">job 1 task 3: its worker process "), crash);
    }

    @Test
    void everyPictureIsAnSvgWithAViewBox() throws Exception {
        List<Path> pictures;
        try (Stream<Path> files = Files.list(site.resolve("images"))) {
            pictures = files.filter(f -> f.toString().endsWith(".svg")).toList();
        }
        assertTrue(pictures.size() >= DemoCatalog.all().size() / 2, "pictures: " + pictures.size());
        for (Path picture : pictures) {
            Element root = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder().parse(picture.toFile())
                    .getDocumentElement();
            assertEquals("svg", root.getLocalName(), picture.toString());
            assertEquals(4, root.getAttribute("viewBox").split(" ").length, picture.toString());
            assertTrue(root.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect").getLength() > 0);
        }
    }

    @Test
    void everyInternalLinkResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        List<Path> pages;
        try (Stream<Path> files = Files.list(site)) {
            pages = files.filter(f -> f.toString().endsWith(".html")).toList();
        }
        for (Path page : pages) {
            Matcher m = LINK.matcher(Files.readString(page, StandardCharsets.UTF_8));
            while (m.find()) {
                String link = m.group(1);
                if (link.matches("^[a-z]+:.*") || link.startsWith("//")) continue; // external
                String file = link.contains("#") ? link.substring(0, link.indexOf('#')) : link;
                String fragment = link.contains("#") ? link.substring(link.indexOf('#') + 1) : null;
                Path target = file.isEmpty() ? page : page.resolveSibling(file);
                if (!Files.isRegularFile(target)) {
                    broken.add(page.getFileName() + " -> " + link);
                } else if (fragment != null && !fragment.isEmpty() && !ids(target).contains(fragment)) {
                    broken.add(page.getFileName() + " -> " + link + " (no such id)");
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    static Set<String> ids(Path page) throws IOException {
        Set<String> ids = new HashSet<>();
        Matcher m = ID.matcher(Files.readString(page, StandardCharsets.UTF_8));
        while (m.find()) ids.add(m.group(1));
        return ids;
    }
}
