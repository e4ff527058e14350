package org.mpdemo.classroom;

import java.util.ArrayList;
import java.util.List;

/** Lays text out in a fixed number of columns: prose wraps at spaces, code wraps as a Java formatter would. */
public final class Columns {
    /** What every classroom command fits: a plain terminal. */
    public static final int WIDTH = 80;
    /** How much deeper a wrapped code line continues, as Java's usual continuation indent. */
    static final int CONTINUATION = 8;

    private Columns() {
    }

    /**
     * Splits {@code text} at spaces into lines of at most {@code width} characters, each starting with
     * {@code indent}; a word longer than a line stays whole.
     */
    public static List<String> wrap(String text, int width, String indent) {
        int room = Math.max(10, width - indent.length());
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split("\\s+")) {
            if (word.isEmpty()) continue;
            if (line.length() > 0 && line.length() + 1 + word.length() > room) {
                lines.add(indent + line);
                line.setLength(0);
            }
            if (line.length() > 0) line.append(' ');
            line.append(word);
        }
        if (line.length() > 0 || lines.isEmpty()) lines.add(indent + line);
        return lines;
    }

    /** As {@link #wrap}, with the first line under {@code first} and the others under {@code rest}. */
    public static List<String> wrapHanging(String text, int width, String first, String rest) {
        List<String> lines = new ArrayList<>(wrap(text, width - Math.max(0, rest.length() - first.length()), first));
        if (lines.size() > 1) {
            String joined = String.join(" ", lines.subList(1, lines.size()).stream().map(String::strip).toList());
            List<String> tail = wrap(joined, width, rest);
            lines.subList(1, lines.size()).clear();
            lines.addAll(tail);
        }
        return lines;
    }

    /**
     * One line of code in at most {@code width} columns: a longer line breaks at the last space that fits,
     * preferring spaces outside string literals, and continues {@value #CONTINUATION} columns deeper than it
     * started; a comment continues as a comment ({@code // } or {@code  * }). A line with no space to break at
     * stays whole.
     */
    public static List<String> wrapCode(String line, int width) {
        List<String> lines = new ArrayList<>();
        String indent = line.substring(0, line.length() - line.stripLeading().length());
        String text = line.strip();
        // a comment continues as a comment; code continues deeper
        String continuation = text.startsWith("//") ? indent + "// "
                : text.startsWith("/*") || text.startsWith("*") ? indent + " * "
                : indent + " ".repeat(CONTINUATION);
        String rest = line;
        boolean first = true;
        while (rest.length() > width) {
            int cut = breakAt(rest, width, first ? indent.length() : continuation.length());
            if (cut > 0 && rest.substring(cut).strip().equals("*/")) {
                // a comment's end alone on a line reads badly: break one word earlier
                cut = breakAt(rest, cut - 1, first ? indent.length() : continuation.length());
            }
            if (cut < 0) break;
            lines.add(rest.substring(0, cut).stripTrailing());
            rest = continuation + rest.substring(cut).strip();
            first = false;
        }
        lines.add(rest);
        return lines;
    }

    /**
     * The last space before {@code width}, past the indentation; one outside a string literal if there is one,
     * else just after the last opening parenthesis that fits
     * (from a {@code //} or {@code /*} on, the rest of the line is a comment and every space is outside).
     */
    private static int breakAt(String line, int width, int indent) {
        int outside = -1;
        int inside = -1;
        boolean quoted = false;
        boolean comment = false;
        int paren = -1;
        for (int i = 0; i < Math.min(width + 1, line.length()); i++) {
            char c = line.charAt(i);
            if (!comment && c == '"' && (i == 0 || line.charAt(i - 1) != '\\')) quoted = !quoted;
            if (!quoted && c == '/' && i + 1 < line.length() && "/*".indexOf(line.charAt(i + 1)) >= 0) {
                comment = true;
            }
            if (c == ' ' && i > indent && i <= width) {
                if (quoted) inside = i;
                else outside = i;
            }
            if (c == '(' && !quoted && !comment && i > indent && i < width) paren = i + 1;
        }
        if (outside > 0 && line.substring(indent, outside).isBlank()) outside = -1;
        if (outside < 0 && paren > 0) return paren; // no space left to break at: after an opening parenthesis
        return outside > 0 ? outside : inside;
    }

    /** A heading underlined to its length. */
    public static List<String> heading(String title, char underline) {
        return List.of(title, String.valueOf(underline).repeat(Math.min(WIDTH, title.length())));
    }
}
