package org.mpdemo.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.mpdemo.classroom.Expectations;
import org.mpdemo.classroom.Terminal;
import org.mpdemo.classroom.Verifier;
import org.mpdemo.demos.DemoCatalog;
import org.mpdemo.demos.DemoInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mpdemo verify}: does every demo still show, on this machine, what its explanation promises? */
@Command(name = "verify",
        description = {
            "Checks that every demo behaves as documented on this machine.",
            "Runs every demo (or the ones named), each in a process of its own at a small time scale, and checks "
                    + "that it shows the behaviour its explanation documents: the exact output, the exit status, "
                    + "and from its trace where errors were raised and how many tasks held a lock at once.",
            "Prints one row per demo — what was expected, what was observed, ok or FAIL — and fails naming "
                    + "every demo that did not behave as documented.",
            "A demo whose behaviour needs several workers running at once (the fixes) runs a little slower, "
                    + "and gets up to three tries on a busy machine; a demo that is really broken fails them all."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:every demo behaved as documented",
            "1:at least one did not (named on standard error)",
            "2:unknown demo or bad option value"},
        footerHeading = "%nExample:%n",
        footer = {"  mpdemo verify lock-error-callback lock-initializer-fix"})
final class VerifyCommand implements Callable<Integer>, Mpdemo.RunsDemos {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", arity = "0..*", completionCandidates = Candidates.Demos.class,
            description = "The demos to verify; all of them when none is named.")
    List<String> ids = new ArrayList<>();

    @Option(names = "--time-scale", paramLabel = "F", defaultValue = "0.01", converter = Converters.TimeScale.class,
            description = "The smallest time scale to run the demos at (default: ${DEFAULT-VALUE}); a demo that "
                    + "needs its tasks to overlap runs at " + Expectations.OVERLAP_SCALE + " however small this is.")
    double timeScale;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "2", converter = Converters.AtLeastOne.class,
            description = "How many demos run side by side (default: ${DEFAULT-VALUE}).")
    int jobs;

    /** Where each demo's documented behaviour comes from; a test swaps in a wrong one to see verify fail. */
    Function<String, Optional<Expectations.Expectation>> expectations = Expectations::of;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<DemoInfo> demos = new ArrayList<>();
        for (String id : ids) {
            Optional<DemoInfo> demo = DemoCatalog.find(id);
            if (demo.isEmpty()) return usage(err, RunCommand.unknownDemo(id));
            demos.add(demo.get());
        }
        if (demos.isEmpty()) demos.addAll(DemoCatalog.all());

        boolean colour = Terminal.colour();
        int idWidth = Verifier.idWidth(demos);
        out.println(Verifier.header(idWidth));
        out.flush();
        long start = System.nanoTime();
        List<Verifier.Row> rows = new Verifier(expectations, timeScale, jobs).verify(demos, row -> {
            for (String line : Verifier.format(row, idWidth, colour)) out.println(line);
            out.flush();
        });
        List<String> failed = rows.stream().filter(r -> !r.ok()).map(r -> r.demo().id()).toList();
        out.printf(Locale.ROOT, "%d of %d demos behaved as documented (%.0f s).%n", rows.size() - failed.size(),
                rows.size(), (System.nanoTime() - start) / 1e9);
        out.flush();
        if (failed.isEmpty()) return Mpdemo.OK;
        err.println("mpdemo: verify: " + failed.size() + (failed.size() == 1 ? " demo" : " demos")
                + " did not behave as documented: " + String.join(", ", failed));
        err.flush();
        return Mpdemo.DEMO_FAILED;
    }

    private static int usage(PrintWriter err, String message) {
        err.println("mpdemo: " + message);
        err.flush();
        return Mpdemo.USAGE;
    }
}
