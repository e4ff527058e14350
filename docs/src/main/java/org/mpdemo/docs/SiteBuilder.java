package org.mpdemo.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.asciidoctor.Asciidoctor;
import org.asciidoctor.Attributes;
import org.asciidoctor.Options;
import org.asciidoctor.SafeMode;
import org.asciidoctor.log.LogRecord;
import org.asciidoctor.log.Severity;
import org.mpdemo.classroom.ForcedSequence;
import org.mpdemo.classroom.OutcomeTable;
import org.mpdemo.classroom.ScratchFiles;
import org.mpdemo.classroom.SiteGenerator;
import org.mpdemo.classroom.Timeline;
import org.mpdemo.classroom.Walkthrough;
import org.mpdemo.cli.Mpdemo;
import org.mpdemo.demos.DemoCatalog;
import org.mpdemo.demos.DemoInfo;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Builds the tutorial site: runs every demo through the command line (two at a time, at a small time scale, with
 * a trace), writes an AsciiDoc page per topic — explanation, code included from the demo's source file, the
 * real output, the timeline as SVG, and for race demos the outcome table and histogram — plus an index and
 * the command line's manual pages (generated from its Picocli model), and the maintainers' architecture page, and
 * renders them all with AsciidoctorJ.
 *
 * <p>Run by the docs module's build ({@code mvn verify}) and by {@code mpdemo docs --out DIR}. Any warning
 * AsciidoctorJ logs (an include it cannot find, say) fails the build.
 */
public final class SiteBuilder implements SiteGenerator {
    static final String STYLESHEET = "mpdemo.css";
    /** The maintainers' map of the runtime, written by hand beside the stylesheet. */
    static final String ARCHITECTURE = "architecture.adoc";

    /** {@code SiteBuilder --out DIR --sources DIR [--time-scale F]}. */
    public static void main(String[] args) throws Exception {
        Path out = null;
        Path sources = null;
        double timeScale = 0.01;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[i + 1]);
                case "--sources" -> sources = Path.of(args[i + 1]);
                case "--time-scale" -> timeScale = Double.parseDouble(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (out == null || sources == null || args.length % 2 != 0) {
            System.err.println("usage: SiteBuilder --out DIR --sources DIR [--time-scale F]");
            System.exit(2);
        }
        PrintWriter progress = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        new SiteBuilder().generate(out, sources, timeScale, progress);
        System.exit(0); // demos may leave non-daemon threads behind; the site is written
    }

    @Override
    public void generate(Path out, Path sources, double timeScale, PrintWriter progress) throws Exception {
        long start = System.nanoTime();
        if (!Files.isDirectory(sources)) throw new IOException("no demo sources at " + sources);
        Path work = ScratchFiles.directory("site");
        try {
            Files.createDirectories(out.resolve("images"));
            List<String> topics = Walkthrough.topics();
            ExecutorService lanes = Executors.newFixedThreadPool(2);
            List<ForcedRun> forced;
            Map<String, List<Capture>> byTopic;
            try {
                List<Future<ForcedRun>> forcing = new ArrayList<>();
                for (int i = 0; i < ForcedSequence.TUTORIAL.size(); i++) {
                    ForcedSequence sequence = ForcedSequence.TUTORIAL.get(i);
                    String image = "bank-race-schedule-" + (i + 1) + ".svg";
                    forcing.add(lanes.submit(() -> ForcedRun.of(sequence, out.resolve("images").resolve(image),
                            timeScale)));
                }
                byTopic = capture(lanes, topics, timeScale, progress);
                forced = new ArrayList<>();
                for (Future<ForcedRun> f : forcing) forced.add(done(f, "bank-race with a schedule"));
            } finally {
                lanes.shutdownNow();
            }
            Pages pages = new Pages(topics, byTopic, forced, sources, timeScale);

            List<Path> documents = new ArrayList<>();
            documents.add(write(work.resolve("index.adoc"), pages.index()));
            for (String topic : topics) {
                documents.add(write(work.resolve(topic + ".adoc"), pages.topic(topic)));
                for (Capture c : byTopic.get(topic)) pictures(c, out.resolve("images"));
            }
            List<String> manPages = manPages(work);
            documents.add(write(work.resolve("commands.adoc"), pages.commands(manPages)));
            for (String page : manPages) documents.add(work.resolve(page));
            documents.add(write(work.resolve(ARCHITECTURE), new String(resource(ARCHITECTURE), StandardCharsets.UTF_8)));
            write(work.resolve("docinfo-header.html"), pages.navigation());
            copyStylesheet(out);
            progress.println("site: rendering " + documents.size() + " pages");
            render(documents, work, out, sources);
            progress.printf("site: %s/index.html (%.0f s)%n", out, (System.nanoTime() - start) / 1e9);
        } finally {
            ScratchFiles.delete(work);
        }
    }

    /** Runs every demo in the two lanes; the captures grouped by topic, in catalog order. */
    private static Map<String, List<Capture>> capture(ExecutorService lanes, List<String> topics, double timeScale,
            PrintWriter progress) throws InterruptedException {
        List<DemoInfo> demos = DemoCatalog.all();
        // the slow ones (several runs) first, so the two lanes end together
        List<DemoInfo> order = new ArrayList<>(demos);
        order.sort(Comparator.comparingInt((DemoInfo d) -> -Capture.runsFor(d) - (d.outcomes() == null ? 0 : 2)));
        Map<DemoInfo, Future<Capture>> futures = new LinkedHashMap<>();
        for (DemoInfo demo : order) {
            futures.put(demo, lanes.submit(() -> {
                Capture c = Capture.of(demo, timeScale);
                synchronized (progress) {
                    progress.printf("site: ran %s (%d run%s)%n", demo.id(), c.runs().size(),
                            c.runs().size() == 1 ? "" : "s");
                }
                return c;
            }));
        }
        Map<String, List<Capture>> byTopic = new LinkedHashMap<>();
        for (String topic : topics) byTopic.put(topic, new ArrayList<>());
        for (DemoInfo demo : demos) byTopic.get(demo.topic()).add(done(futures.get(demo), demo.id()));
        return byTopic;
    }

    private static <T> T done(Future<T> future, String what) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not run " + what + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** The demo's timeline and, for a race demo, one histogram per kind of outcome. */
    private static void pictures(Capture c, Path images) throws IOException {
        Timeline timeline = Timeline.of(c.pictured().trace());
        if (timeline.worthDrawing()) write(images.resolve(c.demo().id() + "-timeline.svg"), timeline.svg());
        if (c.demo().outcomes() == null) return;
        OutcomeTable table = OutcomeTable.of(c.demo(), c.runs(), false);
        int k = 0;
        for (Map.Entry<String, List<OutcomeTable.Row>> kind : Histogram.byKind(table.rows()).entrySet()) {
            String title = kind.getKey().replaceAll("[\\s:=]+$", "") + ": " + table.total() + " results of "
                    + c.runs().size() + (c.runs().size() == 1 ? " run" : " runs");
            write(images.resolve(c.demo().id() + "-outcomes-" + (k++) + ".svg"),
                    Histogram.svg(title, Histogram.bars(kind.getKey(), kind.getValue())));
        }
    }

    /** The command line's manual pages, generated from its Picocli model as AsciiDoc: their file names. */
    static List<String> manPages(Path work) throws IOException {
        Path dir = work.resolve("man");
        Files.createDirectories(dir);
        int status = ManPageGenerator.generateManPage(dir.toFile(), null, new boolean[0], true,
                Mpdemo.commandLine().getCommandSpec());
        if (status != 0) throw new IOException("ManPageGenerator failed with status " + status);
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".adoc")) continue;
                // each page renders beside the others, with the site's navigation and stylesheet
                String text = Files.readString(file, StandardCharsets.UTF_8);
                Files.writeString(work.resolve(name), text, StandardCharsets.UTF_8);
                names.add(name);
            }
        }
        names.sort(Comparator.comparing((String n) -> !n.equals("mpdemo.adoc")).thenComparing(n -> n));
        return names;
    }

    private static void render(List<Path> documents, Path work, Path out, Path sources) throws IOException {
        List<String> problems = new ArrayList<>();
        try (Asciidoctor asciidoctor = Asciidoctor.Factory.create()) {
            asciidoctor.registerLogHandler((LogRecord record) -> {
                if (record.getSeverity().compareTo(Severity.WARN) >= 0) {
                    String where = record.getCursor() == null ? "" : record.getCursor().getFile() + ":"
                            + record.getCursor().getLineNumber() + ": ";
                    synchronized (problems) {
                        problems.add(where + record.getMessage());
                    }
                }
            });
            Attributes attributes = Attributes.builder()
                    .attribute("sourcedir", sources.toAbsolutePath().toString())
                    .attribute("docinfo", "shared-header")
                    .attribute("docinfodir", work.toAbsolutePath().toString())
                    .styleSheetName(STYLESHEET)
                    .linkCss(true)
                    .copyCss(false)
                    // Rouge ships inside AsciidoctorJ; inline styles need no stylesheet or script, so pages work offline
                    .sourceHighlighter("rouge")
                    .attribute("rouge-css", "style")
                    .attribute("rouge-style", "github")
                    .noFooter(true)
                    .attribute("nofooter")
                    .attribute("source-language", "java")
                    .build();
            Options options = Options.builder()
                    .safe(SafeMode.UNSAFE) // includes from the demos' source tree, outside the pages' folder
                    .baseDir(work.toFile())
                    .toDir(out.toFile())
                    .mkDirs(true)
                    .standalone(true)
                    .attributes(attributes)
                    .build();
            for (Path document : documents) asciidoctor.convertFile(document.toFile(), options);
        }
        if (!problems.isEmpty()) {
            throw new IOException("AsciiDoctor reported " + problems.size() + " problem(s): " + String.join("; ",
                    problems));
        }
    }

    private static void copyStylesheet(Path out) throws IOException {
        Files.write(out.resolve(STYLESHEET), resource(STYLESHEET));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = SiteBuilder.class.getResourceAsStream(name)) {
            if (in == null) throw new IOException(name + " is not on the class path");
            return in.readAllBytes();
        }
    }

    private static Path write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

}
