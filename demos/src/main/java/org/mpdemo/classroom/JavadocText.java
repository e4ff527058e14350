package org.mpdemo.classroom;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A demo's class comment as plain paragraphs, the way a reader wants it on a terminal or a page:
 * {@code {@code x}} and {@code {@link X}} become {@code x} and {@code X}, {@code <p>} starts a new paragraph,
 * other HTML tags disappear and {@code &lt;} is {@code <} again. Block tags ({@code @see} …) are dropped.
 *
 * <p>Every demo's comment follows one shape: a first sentence saying what the program does, an "Expect"
 * paragraph, paragraphs on why, and a "Run:" line; {@link #summary}, {@link #explanation} and {@link #expect}
 * pick those out.
 */
public final class JavadocText {
    private final List<String> paragraphs;
    private final List<String> html;

    private JavadocText(List<String> paragraphs, List<String> html) {
        this.paragraphs = paragraphs;
        this.html = html;
    }

    /** Parses a comment, {@code /**} and {@code *}{@code /} included or not. */
    public static JavadocText parse(String comment) {
        StringBuilder body = new StringBuilder();
        for (String line : comment.lines().toList()) {
            String text = line.strip();
            if (text.startsWith("/**")) text = text.substring(3);
            if (text.endsWith("*/")) text = text.substring(0, text.length() - 2);
            text = text.strip();
            if (text.startsWith("*")) text = text.substring(1).strip();
            if (text.startsWith("@")) break; // block tags end the description
            body.append(text).append('\n');
        }
        return new JavadocText(paragraphs(body.toString(), false), paragraphs(body.toString(), true));
    }

    /** Every paragraph, in order, each on one line. */
    public List<String> paragraphs() {
        return paragraphs;
    }

    /**
     * The same paragraphs as HTML for a page: text escaped, {@code {@code x}} as {@code <code>x</code>}, no other
     * markup.
     */
    public List<String> htmlParagraphs() {
        return html;
    }

    /** The HTML paragraphs after the first, without the "Run:" line (as {@link #explanation}). */
    public List<String> htmlExplanation() {
        List<String> result = new java.util.ArrayList<>();
        for (int i = 1; i < paragraphs.size(); i++) if (!paragraphs.get(i).startsWith("Run:")) result.add(html.get(i));
        return result;
    }

    /** The first paragraph: what the program does. */
    public String summary() {
        return paragraphs.isEmpty() ? "" : paragraphs.get(0);
    }

    /** The paragraphs after the first, without the "Run:" line: what to expect and why. */
    public List<String> explanation() {
        return paragraphs.stream().skip(1).filter(p -> !p.startsWith("Run:")).toList();
    }

    /** The paragraph that says what to expect (it contains "Expect"), or "" if none does. */
    public String expect() {
        return paragraphs.stream().filter(p -> p.contains("Expect")).findFirst().orElse("");
    }

    private static List<String> paragraphs(String html, boolean markup) {
        List<String> result = new ArrayList<>();
        StringBuilder paragraph = new StringBuilder();
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '{' && html.startsWith("{@", i)) {
                int end = closingBrace(html, i);
                String inner = html.substring(i + 2, end);
                int space = firstSpace(inner);
                String tag = space < 0 ? inner : inner.substring(0, space);
                String argument = space < 0 ? "" : inner.substring(space + 1).strip();
                String text = inline(tag, argument);
                boolean code = tag.equals("code") || tag.equals("literal") || tag.startsWith("link");
                paragraph.append(!markup ? text : code ? "<code>" + escape(text) + "</code>" : escape(text));
                i = end + 1;
            } else if (c == '<') {
                int end = html.indexOf('>', i);
                if (end < 0) {
                    paragraph.append(markup ? "&lt;" : "<");
                    i++;
                    continue;
                }
                String tag = html.substring(i + 1, end).strip().toLowerCase(Locale.ROOT);
                String name = tag.replaceAll("[\\s/].*", "");
                if (tag.startsWith("/")) name = tag.substring(1).strip();
                switch (name) {
                    case "p", "ul", "ol", "pre" -> flush(paragraph, result);
                    case "li" -> {
                        if (!tag.startsWith("/")) {
                            flush(paragraph, result);
                            paragraph.append("- ");
                        }
                    }
                    case "br" -> paragraph.append(' ');
                    default -> {
                        // <em>, <b>, <i>, <code> …: the words stay, the markup goes
                    }
                }
                i = end + 1;
            } else if (c == '&') {
                int end = html.indexOf(';', i);
                String entity = end < 0 ? "" : html.substring(i, end + 1);
                String replacement = switch (entity) {
                    case "&lt;" -> "<";
                    case "&gt;" -> ">";
                    case "&amp;" -> "&";
                    case "&quot;" -> "\"";
                    case "&nbsp;" -> " ";
                    default -> null;
                };
                if (replacement == null) {
                    paragraph.append(markup ? escape(String.valueOf(c)) : String.valueOf(c));
                    i++;
                } else {
                    paragraph.append(markup ? escape(replacement) : replacement);
                    i = end + 1;
                }
            } else {
                paragraph.append(markup ? escape(String.valueOf(c)) : String.valueOf(c));
                i++;
            }
        }
        flush(paragraph, result);
        return List.copyOf(result);
    }

    private static String inline(String tag, String argument) {
        return switch (tag) {
            case "code", "literal", "value" -> argument;
            case "link", "linkplain" -> {
                int label = firstSpaceOutsideParentheses(argument);
                if (label >= 0) yield argument.substring(label + 1).strip();
                String target = argument.startsWith("#") ? argument.substring(1) : argument.replace('#', '.');
                yield target.replaceAll("\\(.*\\)$", "");
            }
            default -> argument;
        };
    }

    /** The index of the brace closing the one at {@code open}, counting nested pairs (as javadoc does). */
    private static int closingBrace(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') depth++;
            else if (c == '}' && --depth == 0) return i;
        }
        return text.length() - 1;
    }

    private static int firstSpace(String text) {
        for (int i = 0; i < text.length(); i++) if (Character.isWhitespace(text.charAt(i))) return i;
        return -1;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static int firstSpaceOutsideParentheses(String text) {
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (depth == 0 && Character.isWhitespace(c)) return i;
        }
        return -1;
    }

    private static void flush(StringBuilder paragraph, List<String> result) {
        String text = paragraph.toString().strip().replaceAll("\\s+", " ");
        if (!text.isEmpty()) result.add(text);
        paragraph.setLength(0);
    }
}
