package org.mpdemo.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.List;
import java.util.concurrent.Callable;
import org.mpdemo.classroom.Terminal;
import org.mpdemo.classroom.Walkthrough;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mpdemo walkthrough TOPIC}: a topic's demos, one step at a time, for a class to predict and watch. */
@Command(name = "walkthrough",
        description = {
            "Takes a class through a topic's demos, step by step.",
            "The demos come in teaching order: first the mistakes, then the fixes.",
            "Before each step it shows what the program does and what changed in its code since the last step, "
                    + "and asks the class to predict; Enter runs the demo. After each step it says what happened "
                    + "and why."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:every step ran (each demo's own exit status is shown after its output)",
            "2:unknown topic or bad option value"},
        footerHeading = "%nExample:%n",
        footer = {"  mpdemo walkthrough lock"})
final class WalkthroughCommand implements Callable<Integer>, Mpdemo.RunsDemos {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TOPIC", completionCandidates = Candidates.Topics.class,
            description = "The topic: ${COMPLETION-CANDIDATES}.")
    String topic;

    @Option(names = "--no-pause", description = "Run every step straight through, without waiting for Enter.")
    boolean noPause;

    @Option(names = "--time-scale", paramLabel = "F", defaultValue = "1", converter = Converters.TimeScale.class,
            description = "Multiplies every pause in the demos by F, a number above 0 (default: 1, the tutorial's "
                    + "timing); 0.1 runs ten times faster.")
    double timeScale;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        List<String> topics = Walkthrough.topics();
        if (!topics.contains(topic)) {
            List<String> close = Suggestions.closest(topic, topics, 3);
            return usage(err, "unknown topic '" + topic + "'; "
                    + (close.isEmpty() ? "the topics are: " + String.join(", ", topics)
                    : "did you mean: " + String.join(", ", close) + "?"));
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset()));
        new Walkthrough(topic, timeScale, !noPause, Terminal.colour(), spec.commandLine().getOut(), in).run();
        return Mpdemo.OK;
    }

    private static int usage(PrintWriter err, String message) {
        err.println("mpdemo: " + message);
        err.flush();
        return Mpdemo.USAGE;
    }
}
