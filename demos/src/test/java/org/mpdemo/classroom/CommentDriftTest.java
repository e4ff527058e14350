package org.mpdemo.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mpdemo.demos.DemoCatalog;
import org.mpdemo.demos.DemoInfo;

/**
 * A demo's comment quotes calls of its own program ({@code counter.get()}): each must still be in the program, as
 * written, or the explanation teaches code the reader cannot find. Calls on names the program does not have (a
 * Python snippet, {@code os._exit(1)}) are left alone.
 */
class CommentDriftTest {
    static final Pattern CALL = Pattern.compile("\\{@code ([a-z]\\w*)\\.(\\w+)\\(([^{}]*)\\)}");

    static List<DemoInfo> demos() {
        return DemoCatalog.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("demos")
    void everyCallTheCommentQuotesIsInTheProgram(DemoInfo demo) {
        DemoSource source = DemoSource.of(demo.mainClass());
        String file = String.join("\n", source.lines());
        String comment = file.substring(0, Math.max(0, file.indexOf("@Demo("))).replaceAll("\\n\\s*\\*\\s?", " ");
        String program = String.join("\n", source.program());
        String compact = program.replaceAll("\\s+", "");
        List<String> missing = new ArrayList<>();
        Matcher m = CALL.matcher(comment);
        while (m.find()) {
            if (!Pattern.compile("\\b" + m.group(1) + "\\b").matcher(program).find()) continue;
            String call = m.group(0).substring("{@code ".length(), m.group(0).length() - 1);
            // "..." in a quote stands for arguments left out
            String[] parts = call.replaceAll("\\s+", "").split("\\.\\.\\.", -1);
            StringBuilder shape = new StringBuilder();
            for (int i = 0; i < parts.length; i++) shape.append(i == 0 ? "" : ".*?").append(Pattern.quote(parts[i]));
            if (!Pattern.compile(shape.toString()).matcher(compact).find()) missing.add(call);
        }
        assertEquals(List.of(), missing, demo.id() + ": quoted in the comment, not in the program");
    }

    /**
     * The program a reader sees (explain, the walkthrough, the site) is the source as it is: its comments carry no
     * javadoc markup such as {@code {@link #init}}, which would show raw.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("demos")
    void theShownProgramHasNoJavadocMarkup(DemoInfo demo) {
        List<String> marked = DemoSource.of(demo.mainClass()).program().stream()
                .filter(l -> l.contains("{@") || l.contains("<p>") || l.contains("&lt;")).toList();
        assertEquals(List.of(), marked, demo.id() + ": markup in the program it shows");
    }

    /** Words that tell what a step will do: before the run they belong in an {@code // Answer:} comment only. */
    static final Pattern GIVES_AWAY = Pattern.compile("never runs|mistake|re-raise|none will|is lost|still works"
            + "|parent only|travels to a process at any time");

    /**
     * What the walkthrough shows before the class predicts is free of the answer: a comment that gives it away is
     * marked {@code // Answer:} and held back until after the run.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("demos")
    void theProgramBeforeTheRunGivesNoAnswerAway(DemoInfo demo) {
        DemoSource source = DemoSource.of(demo.mainClass());
        List<String> told = source.programBeforeRun().stream()
                .filter(l -> l.contains("//") || l.strip().startsWith("/**") || l.strip().startsWith("*"))
                .filter(l -> GIVES_AWAY.matcher(l).find() || l.contains("Answer:")).toList();
        assertEquals(List.of(), told, demo.id() + ": a comment before the run tells the outcome");
        for (DemoSource.Answer answer : source.answers()) {
            assertEquals(false, answer.code().isBlank(), demo.id() + ": an answer with no code after it");
        }
    }
}
