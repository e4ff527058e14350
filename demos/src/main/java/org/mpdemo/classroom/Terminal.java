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
     * The terminal's width in columns (40 to 500): {@code COLUMNS} when the shell exports it, else what
     * {@code stty size} says of the controlling terminal, else {@link Columns#WIDTH}.
     */
    public static int width() {
        Integer columns = columns(System.getenv("COLUMNS"));
        if (columns == null && interactive()) columns = sttyColumns();
        return columns != null ? columns : Columns.WIDTH;
    }

    private static Integer columns(String text) {
        if (text == null) return null;
        try {
            int n = Integer.parseInt(text.strip());
            return n >= 40 && n <= 500 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code stty size < /dev/tty}: "rows columns"; null if it cannot tell within a second. */
    private static Integer sttyColumns() {
        try {
            Process stty = new ProcessBuilder("sh", "-c", "stty size < /dev/tty").redirectErrorStream(true).start();
            stty.getOutputStream().close();
            if (!stty.waitFor(1, java.util.concurrent.TimeUnit.SECONDS)) {
                stty.destroyForcibly();
                return null;
            }
            String[] size = new String(stty.getInputStream().readAllBytes()).strip().split("\\s+");
            return stty.exitValue() == 0 && size.length == 2 ? columns(size[1]) : null;
        } catch (java.io.IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
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
