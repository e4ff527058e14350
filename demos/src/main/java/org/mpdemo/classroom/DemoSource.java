package org.mpdemo.classroom;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A demo's own source file, read from the class path where the build puts it beside the class
 * ({@code org/mpdemo/demos/lock/LockErrorCallback.java} next to {@code LockErrorCallback.class}) — so what
 * {@code explain}, the walkthrough and the site show is always the code that runs, never a copy kept by hand.
 *
 * <p>It splits the file into the class comment (see {@link JavadocText}) and the program: the class itself,
 * without the package line, the imports and the comment above it. The markers of tagged regions
 * ({@code // tag::name[]}, {@code // end::name[]}), which only the site uses, are left out of the program.
 *
 * <p>A comment that gives a step's outcome away begins {@code // Answer:} and takes whole lines (the {@code //}
 * lines right after it continue it). The walkthrough shows the program without them before the class
 * predicts ({@link #programBeforeRun}) and shows them, beside the code they are about, after the run
 * ({@link #answers}); everywhere else the program is shown whole.
 */
public final class DemoSource {
    private static final Pattern TAG_MARKER = Pattern.compile("^\\s*// (tag|end)::[\\w-]*\\[\\]\\s*$");
    private static final Pattern ANSWER = Pattern.compile("^\\s*// Answer: .*");
    private static final Pattern DECLARATION =
            Pattern.compile("^(public |final |abstract |sealed |static )*(class|record|enum|interface) (\\w+).*");

    private final String fileName;
    private final List<String> lines;
    private final int javadocStart;
    private final int javadocEnd;
    private final int declaration;
    /** Where the program begins: its tag, which leaves out a demo's annotations, or else the class comment's end. */
    private final int programStart;

    private DemoSource(String fileName, List<String> lines) {
        this.fileName = fileName;
        this.lines = lines;
        int found = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (DECLARATION.matcher(lines.get(i)).matches()) {
                found = i;
                break;
            }
        }
        if (found < 0) throw new IllegalArgumentException(fileName + " declares no top-level class");
        this.declaration = found;
        // between the class comment and the class: blank lines, tag markers and annotations (of several lines)
        int end = found - 1;
        while (end >= 0 && !lines.get(end).strip().endsWith("*/") && !lines.get(end).strip().endsWith(";")) {
            end--;
        }
        if (end >= 0 && !lines.get(end).strip().endsWith("*/")) end = -1;
        int start = -1;
        if (end >= 0 && lines.get(end).strip().endsWith("*/")) {
            for (int i = end; i >= 0; i--) {
                if (lines.get(i).strip().startsWith("/**")) {
                    start = i;
                    break;
                }
            }
        }
        this.javadocStart = start;
        this.javadocEnd = start < 0 ? -1 : end;
        int tag = lines.subList(0, found).indexOf("// tag::program[]");
        this.programStart = tag >= 0 ? tag : javadocEnd >= 0 ? javadocEnd + 1 : found;
    }

    /** The source of a top-level class, from the class path; fails if the build did not package it. */
    public static DemoSource of(Class<?> type) {
        Class<?> top = type;
        while (top.getEnclosingClass() != null) top = top.getEnclosingClass();
        String fileName = top.getSimpleName() + ".java";
        try (InputStream in = top.getResourceAsStream(fileName)) {
            if (in == null) {
                throw new IllegalStateException("the source of " + top.getName() + " is not on the class path ("
                        + top.getName().replace('.', '/') + ".java); rebuild the demos module");
            }
            return parse(fileName, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the source of " + top.getName(), e);
        }
    }

    /** A source file's text, for tests and for the diff between two versions. */
    public static DemoSource parse(String fileName, String text) {
        return new DemoSource(fileName, text.lines().toList());
    }

    public String fileName() {
        return fileName;
    }

    /** Every line of the file, as it is. */
    public List<String> lines() {
        return lines;
    }

    /** The class comment, as text paragraphs; empty if the class has none. */
    public JavadocText javadoc() {
        if (javadocStart < 0) return JavadocText.parse("");
        return JavadocText.parse(String.join("\n", lines.subList(javadocStart, javadocEnd + 1)));
    }

    /**
     * The program: from the {@code program} tag (or else the class comment) to the end of the file, without the
     * tag markers.
     */
    public List<String> program() {
        int from = programStart;
        while (from < declaration && lines.get(from).isBlank()) from++;
        List<String> program = new ArrayList<>();
        for (String line : lines.subList(from, lines.size())) {
            if (!TAG_MARKER.matcher(line).matches()) program.add(line);
        }
        while (!program.isEmpty() && program.get(program.size() - 1).isBlank()) program.remove(program.size() - 1);
        return program;
    }

    /** A comment that answers the step's question, and the line of code it is about. */
    public record Answer(List<String> comment, String code) {
    }

    /** The program without its {@code // Answer:} comments: what the class sees before it predicts. */
    public List<String> programBeforeRun() {
        List<String> program = program();
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < program.size(); i++) {
            if (ANSWER.matcher(program.get(i)).matches()) {
                i = answerEnd(program, i) - 1;
            } else {
                kept.add(program.get(i));
            }
        }
        return kept;
    }

    /** The program's {@code // Answer:} comments in order, each with the first line of code after it. */
    public List<Answer> answers() {
        List<String> program = program();
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < program.size(); i++) {
            if (!ANSWER.matcher(program.get(i)).matches()) continue;
            int end = answerEnd(program, i);
            int code = end;
            while (code < program.size() && (program.get(code).isBlank() || isComment(program.get(code)))) code++;
            answers.add(new Answer(List.copyOf(program.subList(i, end)),
                    code < program.size() ? program.get(code) : ""));
            i = end - 1;
        }
        return answers;
    }

    /** Where the answer that begins at {@code start} ends: at the first line that does not continue it. */
    private static int answerEnd(List<String> program, int start) {
        int end = start + 1;
        while (end < program.size() && program.get(end).strip().startsWith("//")
                && !ANSWER.matcher(program.get(end)).matches()) {
            end++;
        }
        return end;
    }

    private static boolean isComment(String line) {
        String text = line.strip();
        return text.startsWith("//") || text.startsWith("/*") || text.startsWith("*");
    }

    /** The 1-based line numbers of the program in the file: first and last (for an include by lines). */
    public int[] programLines() {
        int from = programStart + 1;
        int to = lines.size();
        while (to > from && lines.get(to - 1).isBlank()) to--;
        return new int[] {from, to};
    }

    /** Whether the file marks a region {@code // tag::name[]} … {@code // end::name[]}. */
    public boolean hasTag(String name) {
        boolean start = false;
        for (String line : lines) {
            if (line.strip().equals("// tag::" + name + "[]")) start = true;
            if (start && line.strip().equals("// end::" + name + "[]")) return true;
        }
        return false;
    }
}
