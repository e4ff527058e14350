package org.mpdemo.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.mpdemo.classroom.Explanation;
import org.mpdemo.classroom.Terminal;
import org.mpdemo.demos.DemoCatalog;
import org.mpdemo.demos.DemoInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
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
        exitCodeList = {"0:explained", "2:unknown demo"},
        footerHeading = "%nExample:%n",
        footer = {"  mpdemo explain lock-error-callback"})
final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", completionCandidates = Candidates.Demos.class,
            description = "The demo to explain; 'mpdemo list' shows every ID.")
    String id;

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
        for (String line : Explanation.lines(demo.get(), Terminal.colour())) out.println(line);
        out.flush();
        return Mpdemo.OK;
    }
}
