package org.mpdemo.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.mpdemo.demos.DemoCatalog;
import org.mpdemo.demos.DemoInfo;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What {@code explore} and {@code step} share (a picocli mixin): the bank demo whose round they play, and how many
 * updates each of its processes makes.
 */
final class BankRound {
    @Parameters(paramLabel = "ID", completionCandidates = Candidates.BankDemos.class,
            description = "A bank demo: ${COMPLETION-CANDIDATES}.")
    String id;

    @Option(names = "--ops", paramLabel = "N", defaultValue = "1", converter = Converters.AtLeastOne.class,
            description = "How many updates each process makes (default: ${DEFAULT-VALUE}, the tutorial's single "
                    + "withdraw and deposit).")
    int ops;

    /**
     * Runs the demo's main in this JVM, one round at a time as the schedule in force says, at a small time scale
     * and with {@link #ops} updates each, its standard output going to {@code output}; the demo's exit status.
     */
    int run(DemoInfo demo, PrintWriter err, OutputStream output) {
        System.setProperty("mpdemo.ops", Integer.toString(ops));
        System.setProperty("mpdemo.timeScale", "0.01");
        PrintStream console = System.out;
        System.setOut(new PrintStream(output, true, StandardCharsets.UTF_8));
        try {
            return RunCommand.runMain(demo, err, false);
        } finally {
            System.out.flush();
            System.setOut(console);
        }
    }

    /** The demo, or empty after one line on {@code err} saying why it cannot be played. */
    Optional<DemoInfo> demo(String command, PrintWriter err) {
        Optional<DemoInfo> found = DemoCatalog.find(id);
        String problem = found.isEmpty() ? RunCommand.unknownDemo(id)
                : !Candidates.isBank(found.get())
                ? command + " plays the bank demos (" + String.join(", ", new Candidates.BankDemos())
                        + "), whose rounds are processes "
                        + "the program starts itself"
                : null;
        if (problem == null) return found;
        err.println("mpdemo: " + problem);
        err.flush();
        return Optional.empty();
    }
}
