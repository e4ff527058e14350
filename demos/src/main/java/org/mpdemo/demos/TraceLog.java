package org.mpdemo.demos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mpdemo.multiprocessing.trace.TraceEvent;

/**
 * Reads a trace written by the runtime ({@code --trace FILE}): one flat JSON object per line, from every
 * process of a run, ordered here by their monotonic timestamps. Jackson parses each line.
 */
public final class TraceLog {
    /**
     * One object per line, nothing after it; NaN and Infinity allowed, since the runtime writes a shared
     * double's value as Java prints it.
     */
    private static final ObjectReader LINE = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build().reader();

    private final List<Event> events;

    /** One event: {@code t} (nanoseconds), {@code pid}, {@code event}, and its other fields as text. */
    public record Event(long t, long pid, String name, Map<String, String> fields) {
        public String get(String field) {
            return fields.get(field);
        }

        /** Whether this is an event of that kind. */
        public boolean is(TraceEvent kind) {
            return name.equals(kind.wireName());
        }

        /** The kind of event, or {@code null} for a name this runtime does not write. */
        public TraceEvent kind() {
            return TraceEvent.of(name);
        }
    }

    private TraceLog(List<Event> events) {
        this.events = events;
    }

    /** Parses the file; a line that is not a complete event object fails with the line number. */
    /** A line short enough to quote in a one-line error. */
    private static String clip(String line) {
        return line.length() <= 40 ? line : line.substring(0, 40) + "…";
    }

    public static TraceLog read(Path file) throws IOException {
        List<Event> events = new ArrayList<>();
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            if (line.isBlank()) continue;
            JsonNode object;
            try {
                object = LINE.readTree(line);
            } catch (JsonProcessingException e) {
                throw new IOException("line " + number + " is not one JSON object: " + clip(line), e);
            }
            if (!object.isObject()) throw new IOException("line " + number + " is not one JSON object: " + clip(line));
            Map<String, String> fields = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                fields.put(field.getKey(), field.getValue().asText());
            }
            if (!fields.containsKey("t") || !fields.containsKey("pid") || !fields.containsKey("event")) {
                throw new IOException(file + ":" + number + ": event without t, pid or event: " + line);
            }
            events.add(new Event(Long.parseLong(fields.remove("t")), Long.parseLong(fields.remove("pid")),
                    fields.remove("event"), fields));
        }
        events.sort(Comparator.comparingLong(Event::t));
        return new TraceLog(events);
    }

    public List<Event> events() {
        return events;
    }

    /** The events of that kind, in time order. */
    public List<Event> named(TraceEvent kind) {
        return named(kind.wireName());
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
            if (e.is(TraceEvent.ACQUIRE)) max = Math.max(max, ++holders);
            else if (e.is(TraceEvent.RELEASE)) holders--;
        }
        return max;
    }

    /** The ids of the primitives of one kind ({@code Lock}, {@code Semaphore} …) that were ever acquired. */
    public List<String> objects(String kind) {
        return named(TraceEvent.ACQUIRE).stream().filter(e -> kind.equals(e.get("kind")))
                .map(e -> e.get("obj")).distinct().toList();
    }
}
