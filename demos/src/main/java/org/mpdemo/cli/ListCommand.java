package org.mpdemo.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mpdemo.classroom.Terminal;
import org.mpdemo.demos.DemoCatalog;
import org.mpdemo.demos.DemoInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mpdemo list}: every demo, one row each — its id, its topic and what it shows. */
@Command(name = "list",
        description = {
            "Lists every demo: ID, topic and what it shows.",
            "The ID is what 'mpdemo run' and 'mpdemo explain' take.",
            "On a terminal, long descriptions wrap to its width; piped into another program, every demo is "
                    + "exactly one line."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:listed"},
        footerHeading = "%nExample:%n",
        footer = {"  mpdemo list | grep race"})
final class ListCommand implements Callable<Integer> {
    private static final String GAP = "  ";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (String line : table(DemoCatalog.all(), Terminal.interactive() ? Terminal.width() : 0)) out.println(line);
        out.flush();
        return Mpdemo.OK;
    }

    /**
     * The rows, columns aligned. With {@code width > 0} a summary that would pass that column wraps onto
     * indented continuation lines; with {@code width <= 0} every demo is exactly one line.
     */
    static List<String> table(List<DemoInfo> demos, int width) {
        int idWidth = 0;
        int topicWidth = 0;
        for (DemoInfo demo : demos) {
            idWidth = Math.max(idWidth, demo.id().length());
            topicWidth = Math.max(topicWidth, demo.topic().length());
        }
        int indent = idWidth + GAP.length() + topicWidth + GAP.length();
        int room = width - indent;
        List<String> lines = new ArrayList<>();
        for (DemoInfo demo : demos) {
            String head = pad(demo.id(), idWidth) + GAP + pad(demo.topic(), topicWidth) + GAP;
            // too little room left (very long ids) would make a ragged column: keep the summary whole then
            List<String> summary = width > 0 && room >= 20 ? wrap(demo.summary(), room) : List.of(demo.summary());
            lines.add(head + summary.get(0));
            for (String more : summary.subList(1, summary.size())) lines.add(" ".repeat(indent) + more);
        }
        return lines;
    }

    /** Splits {@code text} at spaces into lines of at most {@code room} characters (a longer word stays whole). */
    static List<String> wrap(String text, int room) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" +")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > room) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) line.append(' ');
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}
