package org.mpdemo.classroom;

import java.io.Console;
import java.util.List;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Help.Ansi.IStyle;
import picocli.CommandLine.Help.Ansi.Style;

/**
 * What the terminal the classroom commands print to can do: colours, and how wide it is. Colour is picocli's
 * {@link Ansi}, the same that colours the commands' help.
 */
public final class Terminal {
    private Terminal() {
    }

    /**
     * Whether to colour: picocli's {@link Ansi#AUTO} says yes (standard output is a terminal, {@code NO_COLOR}
     * is unset as <a href="https://no-color.org">no-color.org</a> asks, {@code CLICOLOR} is not 0, or
     * {@code CLICOLOR_FORCE} is set), and {@code TERM}, which picocli does not read on Linux, is set and is not
     * {@code dumb}.
     */
    public static boolean colour() {
        String term = System.getenv("TERM");
        return term != null && !term.isEmpty() && !term.equals("dumb") && Ansi.AUTO.enabled();
    }

    /** Whether standard output is an interactive terminal. */
    public static boolean interactive() {
        Console console = System.console();
        if (console == null) return false;
        try {
            // From Java 22 a Console may exist without a terminal; isTerminal() then tells them apart.
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException olderJava) {
            return true; // up to Java 21, System.console() is non-null only on a terminal
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The terminal's width in columns: {@code COLUMNS} when the shell exports it (40 to 500), else
     * {@link Columns#WIDTH}.
     */
    public static int width() {
        String columns = System.getenv("COLUMNS");
        if (columns != null) {
            try {
                int n = Integer.parseInt(columns.strip());
                if (n >= 40 && n <= 500) return n;
            } catch (NumberFormatException e) {
                // fall back to 80
            }
        }
        return Columns.WIDTH;
    }

    /** {@code text} in bold when {@code colour}, else as it is. */
    public static String bold(String text, boolean colour) {
        return paint(text, Style.bold, colour);
    }

    /** {@code text} in picocli's {@code style} (such as {@link Style#fg_red}) when {@code colour}, else as it is. */
    public static String paint(String text, IStyle style, boolean colour) {
        return Ansi.valueOf(colour).apply(text, List.of(style)).toString();
    }
}
