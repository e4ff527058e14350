package org.mpdemo.demos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a trace written by the runtime ({@code --trace FILE}): one flat JSON object per line, from every
 * process of a run, ordered here by their monotonic timestamps.
 */
public final class TraceLog {
    private static final Pattern FIELD =
            Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"\\s*:\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|[^,}\\s]+)");

    /** One event: {@code t} (nanoseconds), {@code pid}, {@code event}, and its other fields as text. */
    public record Event(long t, long pid, String name, Map<String, String> fields) {
        public String get(String field) {
            return fields.get(field);
        }
    }

    private final List<Event> events;

    private TraceLog(List<Event> events) {
        this.events = events;
    }

    /** Parses the file; a line that is not a complete event object fails with the line number. */
    public static TraceLog read(Path file) throws IOException {
        List<Event> events = new ArrayList<>();
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            if (line.isBlank()) continue;
            if (!line.startsWith("{") || !line.endsWith("}")) {
                throw new IOException(file + ":" + number + ": not one JSON object: " + line);
            }
            Map<String, String> fields = new LinkedHashMap<>();
            Matcher m = FIELD.matcher(line);
            while (m.find()) fields.put(m.group(1), unquote(m.group(2)));
            if (!fields.containsKey("t") || !fields.containsKey("pid") || !fields.containsKey("event")) {
                throw new IOException(file + ":" + number + ": event without t, pid or event: " + line);
            }
            events.add(new Event(Long.parseLong(fields.remove("t")), Long.parseLong(fields.remove("pid")),
                    fields.remove("event"), fields));
        }
        events.sort(Comparator.comparingLong(Event::t));
        return new TraceLog(events);
    }

    private static String unquote(String value) {
        if (!value.startsWith("\"")) return value;
        String body = value.substring(1, value.length() - 1);
        StringBuilder out = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\' || i + 1 == body.length()) {
                out.append(c);
                continue;
            }
            char e = body.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    out.append((char) Integer.parseInt(body.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(e);
            }
        }
        return out.toString();
    }

    public List<Event> events() {
        return events;
    }

    /** The events with this name, in time order. */
    public List<Event> named(String name) {
        return events.stream().filter(e -> e.name().equals(name)).toList();
    }

    /**
     * The most holders of one primitive at any moment: a sweep over its {@code acquire} (logged after acquiring)
     * and {@code release} (logged before releasing) events, so the count is exact, never an overestimate.
     */
    public int maxHolders(String obj) {
        int holders = 0;
        int max = 0;
        for (Event e : events) {
            if (!obj.equals(e.get("obj"))) continue;
            if (e.name().equals("acquire")) max = Math.max(max, ++holders);
            else if (e.name().equals("release")) holders--;
        }
        return max;
    }

    /** The ids of the primitives of one kind ({@code Lock}, {@code Semaphore} …) that were ever acquired. */
    public List<String> objects(String kind) {
        return events.stream().filter(e -> e.name().equals("acquire") && kind.equals(e.get("kind")))
                .map(e -> e.get("obj")).distinct().toList();
    }
}
