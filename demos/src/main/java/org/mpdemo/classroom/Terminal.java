package org.mpdemo.classroom;

import java.io.Console;

/** What the terminal the classroom commands print to can do: colours, and how wide it is. */
public final class Terminal {
    private Terminal() {
    }

    /**
     * Whether to colour: standard output is an interactive terminal (not a pipe or a file), {@code TERM} is set
     * and is not {@code dumb}, and {@code NO_COLOR} is unset (<a href="https://no-color.org">no-color.org</a>).
     */
    public static boolean colour() {
        if (System.getenv("NO_COLOR") != null) return false;
        String term = System.getenv("TERM");
        return term != null && !term.isEmpty() && !term.equals("dumb") && interactive();
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
        return colour ? "\u001b[1m" + text + "\u001b[0m" : text;
    }

    /** {@code text} in an ANSI colour (31 red, 32 green, 33 yellow, 36 cyan) when {@code colour}. */
    public static String paint(String text, int ansi, boolean colour) {
        return colour ? "\u001b[" + ansi + "m" + text + "\u001b[0m" : text;
    }
}
