package org.mpdemo.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mpdemo.classroom.Terminal;
import org.mpdemo.classroom.Timeline;
import org.mpdemo.demos.TraceLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mpdemo timeline TRACE}: a recorded run drawn as lanes, as text and, if asked, as an SVG picture. */
@Command(name = "timeline",
        description = {
            "Draws a recorded run as a timeline, as text or SVG.",
            "The run is one recorded with 'mpdemo run ID --trace FILE'. One lane per task or process, "
                    + "showing when it ran (-), waited to acquire a lock (.), waited on a condition (~), waited at a "
                    + "barrier (=) or held a lock (#), and the most holders each lock had at once.",
            "With --svg, also writes the same picture as an SVG file, for a page or a slide."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:drawn", "2:the trace file is missing or is not a trace, or a bad option value"},
        footerHeading = "%nExample:%n",
        footer = {"  mpdemo run lock-inherited-global --trace run.jsonl",
            "  mpdemo timeline run.jsonl --svg run.svg"})
final class TimelineCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TRACE", description = "A trace file written by 'mpdemo run ID --trace TRACE'.")
    Path trace;

    @Option(names = "--svg", paramLabel = "FILE", converter = Converters.OutputFile.class, description = "Also write the timeline as an SVG picture to FILE.")
    Path svg;

    @Option(names = "--width", paramLabel = "N", converter = Converters.Width.class,
            description = "Columns for the text drawing (40 or more; default: the terminal's width, or 80).")
    Integer width;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(trace)) return usage(err, "no trace file " + trace);
        Timeline timeline;
        try {
            timeline = Timeline.of(TraceLog.read(trace));
        } catch (IOException | RuntimeException e) {
            return usage(err, "cannot read the trace " + trace + ": " + (e instanceof IOException io
                    ? Mpdemo.reason(io) : Mpdemo.oneLine(e.getMessage())));
        }
        out.print(timeline.render(width != null ? width : Terminal.width(), Terminal.colour()));
        out.flush();
        if (svg != null) {
            try {
                Files.writeString(svg, timeline.svg(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return usage(err, "--svg: cannot write " + svg + ": " + Mpdemo.reason(e));
            }
        }
        return Mpdemo.OK;
    }

    private static int usage(PrintWriter err, String message) {
        err.println("mpdemo: " + message);
        err.flush();
        return Mpdemo.USAGE;
    }
}
