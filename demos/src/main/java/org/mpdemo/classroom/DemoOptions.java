package org.mpdemo.classroom;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.mpdemo.demos.DemoInfo;

/**
 * Which of {@code mpdemo run}'s demo settings a demo takes: read off its program, which asks the {@code Tutorial}
 * helpers for each one ({@code workers(4)}, {@code tasks(10)}, {@code random()}, {@code sleep(…)}, {@code ops(…)},
 * {@code reliable()}). So the answer cannot drift from the code, and an option a demo would ignore is refused
 * instead of silently doing nothing.
 */
public final class DemoOptions {
    /** Each setting, with the helper calls that read it. */
    private static final Map<String, Pattern> READ_BY = new LinkedHashMap<>();

    static {
        READ_BY.put("--workers", Pattern.compile("\\bworkers\\("));
        READ_BY.put("--tasks", Pattern.compile("\\btasks\\("));
        READ_BY.put("--seed", Pattern.compile("\\brandom\\("));
        READ_BY.put("--time-scale", Pattern.compile("\\b(sleep|pauseBeforeNotify|waitUntil|timeScale)\\("));
        READ_BY.put("--ops", Pattern.compile("\\bops\\("));
        READ_BY.put("--reliable", Pattern.compile("\\breliable\\("));
    }

    private DemoOptions() {
    }

    /** The settings whose effect depends on the demo, in the order of {@code run --help}. */
    public static List<String> all() {
        return List.copyOf(READ_BY.keySet());
    }

    /** The ones this demo's program reads (comments aside). */
    public static List<String> takenBy(DemoInfo demo) {
        StringBuilder code = new StringBuilder();
        for (String line : DemoSource.of(demo.mainClass()).program()) {
            String stripped = line.strip();
            if (stripped.startsWith("*") || stripped.startsWith("/*") || stripped.startsWith("//")) continue;
            int comment = line.indexOf("//");
            code.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
        }
        return READ_BY.entrySet().stream().filter(e -> e.getValue().matcher(code).find()).map(Map.Entry::getKey)
                .toList();
    }
}
