package org.mpdemo.classroom;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import org.mpdemo.demos.DemoInfo;
import picocli.CommandLine.Help.Ansi.Style;

/**
 * Runs demos, each in a JVM of its own, and checks each against its documented behaviour
 * ({@link Expectations}); what {@code mpdemo verify} does.
 *
 * <p>A demo runs at the larger of the time scale asked for and the smallest one at which it shows its behaviour
 * reliably. A demo whose behaviour depends on timing a loaded machine can upset (several workers up at once) may
 * take up to its expectation's number of attempts: one run that shows it is proof enough, while a demo that is
 * really broken fails every attempt. So verify never fails by chance, and never passes a broken demo.
 */
public final class Verifier {

    /** One demo's line in the report. */
    public record Row(DemoInfo demo, String expected, Expectations.Verdict verdict, int attempts, double timeScale,
                      double seconds) {
        public boolean ok() {
            return verdict.ok();
        }
    }

    /** A demo at a small time scale ends in a few seconds, even on a busy machine; past this it hangs. */
    static final long TIMEOUT_SECONDS = 60;

    private final Function<String, Optional<Expectations.Expectation>> expectations;
    private final double timeScale;
    private final int jobs;

    /**
     * @param expectations the documented behaviour of each demo id ({@link Expectations#of} in real use)
     * @param timeScale    the smallest time scale to run at
     * @param jobs         how many demos run side by side
     */
    public Verifier(Function<String, Optional<Expectations.Expectation>> expectations, double timeScale, int jobs) {
        this.expectations = expectations;
        this.timeScale = timeScale;
        this.jobs = jobs;
    }

    /** Verifies {@code demos}, handing each row to {@code report} in the order given, as soon as it is known. */
    public List<Row> verify(List<DemoInfo> demos, Consumer<Row> report) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs), runnable -> {
            Thread thread = new Thread(runnable, "verify");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Row>> futures = new ArrayList<>();
            for (DemoInfo demo : demos) futures.add(pool.submit(() -> verify(demo)));
            List<Row> rows = new ArrayList<>();
            for (Future<Row> future : futures) {
                Row row;
                try {
                    row = future.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
                rows.add(row);
                report.accept(row);
            }
            return rows;
        } finally {
            pool.shutdownNow();
        }
    }

    private Row verify(DemoInfo demo) {
        Optional<Expectations.Expectation> found = expectations.apply(demo.id());
        if (found.isEmpty()) {
            return new Row(demo, "(nothing documented)",
                    new Expectations.Verdict("no documented behaviour to check", false), 0, timeScale, 0);
        }
        Expectations.Expectation expectation = found.get();
        double scale = Math.max(timeScale, expectation.timeScale());
        Expectations.Verdict verdict = null;
        double seconds = 0;
        int attempt = 0;
        while (attempt < Math.max(1, expectation.attempts())) {
            attempt++;
            try {
                Observation run = DemoProcess.run(demo.id(), scale, TIMEOUT_SECONDS,
                        expectation.options().toArray(String[]::new));
                seconds += run.seconds();
                verdict = expectation.verdict(run);
            } catch (DemoProcess.Hang e) {
                verdict = new Expectations.Verdict(e.getMessage(), false);
                break; // a hang is no accident of timing: no second try
            } catch (RuntimeException e) {
                verdict = new Expectations.Verdict(e.getMessage(), false);
            }
            if (verdict.ok()) break;
        }
        return new Row(demo, expectation.expected(), verdict, attempt, scale, seconds);
    }

    /** A row as lines of the report: id, what is expected and what was observed, and ok or FAIL; 80 columns. */
    public static List<String> format(Row row, int idWidth, boolean colour) {
        int room = Columns.WIDTH - idWidth - 2 - 6;
        List<String> text = new ArrayList<>(Columns.wrap("expected: " + row.expected(), room, ""));
        String observed = row.verdict().observed()
                + (row.attempts() > 1 ? " (attempt " + row.attempts() + ")" : "");
        for (String line : Columns.wrap("observed: " + observed, room, "")) text.add(line);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < text.size(); i++) {
            String id = i == 0 ? row.demo().id() : "";
            String mark = i == 0 ? (row.ok() ? Terminal.paint("ok", Style.fg_green, colour)
                    : Terminal.paint("FAIL", Style.fg_red, colour)) : "";
            String line = pad(id, idWidth) + "  " + pad(text.get(i), room) + "  " + mark;
            lines.add(line.stripTrailing());
        }
        return lines;
    }

    /** The header line matching {@link #format}. */
    public static String header(int idWidth) {
        int room = Columns.WIDTH - idWidth - 2 - 6;
        return pad("ID", idWidth) + "  " + pad("EXPECTED / OBSERVED", room) + "  OK";
    }

    /** The width of the id column for these demos (at most 30). */
    public static int idWidth(List<DemoInfo> demos) {
        return Math.min(30, demos.stream().mapToInt(d -> d.id().length()).max().orElse(2));
    }

    static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    static String scale(double f) {
        return String.format(Locale.ROOT, "%s", f).replaceAll("\\.0$", "");
    }
}
