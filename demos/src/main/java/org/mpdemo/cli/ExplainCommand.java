package org.mpdemo.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.mpdemo.classroom.Columns;
import org.mpdemo.classroom.Explanation;
import org.mpdemo.classroom.PythonTwin;
import org.mpdemo.classroom.Terminal;
import org.mpdemo.demos.DemoCatalog;
import org.mpdemo.demos.DemoInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mpdemo explain ID}: the lesson behind one demo, and its program, without running it. */
@Command(name = "explain",
        description = {
            "Explains a demo: what to expect, why, and its code.",
            "Without running it: what the program does, what you should see when you run it "
                    + "and why, the program itself (read from the demo's own source), and the command that runs it.",
            "Fits an 80-column terminal."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:explained", "2:unknown demo, or no Python twin for --python"},
        footerHeading = "%nExample:%n",
        footer = {"  mpdemo explain lock-error-callback", "  mpdemo explain lock-error-callback --python"})
final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", completionCandidates = Candidates.Demos.class,
            description = "The demo to explain; 'mpdemo list' shows every ID.")
    String id;

    @Option(names = "--python",
            description = "Adds the demo's Python twin: beside the Java program when the terminal is wide enough, "
                    + "after it when it is not.")
    boolean python;

    @Override
    public Integer call() {
        Optional<DemoInfo> demo = DemoCatalog.find(id);
        if (demo.isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("mpdemo: " + RunCommand.unknownDemo(id));
            err.flush();
            return Mpdemo.USAGE;
        }
        PrintWriter out = spec.commandLine().getOut();
        Optional<PythonTwin> twin = python ? PythonTwin.of(demo.get()) : Optional.empty();
        if (python && twin.isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("mpdemo: " + id + " has no Python twin yet");
            err.flush();
            return Mpdemo.USAGE;
        }
        for (String line : Explanation.lines(demo.get(), Terminal.colour())) out.println(line);
        if (twin.isPresent()) {
            int width = Terminal.interactive() ? Terminal.width() : Columns.WIDTH;
            out.println();
            for (String line : Explanation.beside(demo.get(), twin.get(), width, Terminal.colour())) out.println(line);
        }
        out.flush();
        return Mpdemo.OK;
    }
}
