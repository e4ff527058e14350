package org.mpdemo.classroom;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mpdemo.demos.TraceLog;

/**
 * A lost update, told step by step from a run's trace: which process read what, and which write overwrote
 * which. It needs the runtime's {@code value-get} and {@code value-set} events (with {@code obj} and
 * {@code value}), which record every read and write of a shared Value.
 *
 * <p>A write by process P is based on the last value P read. If, between that read and P's write, another
 * process Q wrote the same Value, P's write replaces Q's without having seen it: Q's update is lost. The story
 * is the first such overwrite in the run.
 */
public final class LostUpdate {
    /** The steps, in time order, and the sentence that sums them up. */
    public record Story(String obj, List<String> steps, String conclusion) {
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) lines.add((i + 1) + ". " + steps.get(i));
            lines.add(conclusion);
            return lines;
        }
    }

    private LostUpdate() {
    }

    /** Whether the trace records reads and writes of shared Values at all. */
    public static boolean traced(TraceLog trace) {
        return !trace.named("value-set").isEmpty();
    }

    /** The first lost update in the trace, if there is one. */
    public static Optional<Story> first(TraceLog trace) {
        Map<Long, String> names = new HashMap<>();
        for (TraceLog.Event e : trace.named("process-start")) {
            names.put(Long.parseLong(e.get("child")), e.get("name"));
        }
        // per Value: the last read of each process, and the last write of each process
        Map<String, Map<Long, TraceLog.Event>> lastRead = new HashMap<>();
        Map<String, List<TraceLog.Event>> writes = new HashMap<>();
        for (TraceLog.Event e : trace.events()) {
            String obj = e.get("obj");
            if (obj == null) continue;
            if (e.name().equals("value-get")) {
                lastRead.computeIfAbsent(obj, k -> new HashMap<>()).put(e.pid(), e);
            } else if (e.name().equals("value-set")) {
                TraceLog.Event read = lastRead.getOrDefault(obj, Map.of()).get(e.pid());
                List<TraceLog.Event> earlier = writes.computeIfAbsent(obj, k -> new ArrayList<>());
                if (read != null) {
                    for (TraceLog.Event other : earlier) {
                        if (other.pid() != e.pid() && other.t() > read.t()) {
                            return Optional.of(tell(obj, read, e, other,
                                    lastReadBefore(trace, obj, other), names));
                        }
                    }
                }
                earlier.add(e);
                if (earlier.size() > 64) earlier.remove(0); // only recent writes can be overwritten unseen
            }
        }
        return Optional.empty();
    }

    private static TraceLog.Event lastReadBefore(TraceLog trace, String obj, TraceLog.Event write) {
        TraceLog.Event found = null;
        for (TraceLog.Event e : trace.events()) {
            if (e.t() > write.t()) break;
            if (e.pid() == write.pid() && e.name().equals("value-get") && obj.equals(e.get("obj"))) found = e;
        }
        return found;
    }

    private static Story tell(String obj, TraceLog.Event pRead, TraceLog.Event pWrite, TraceLog.Event qWrite,
                              TraceLog.Event qRead, Map<Long, String> names) {
        String p = who(pWrite.pid(), names);
        String q = who(qWrite.pid(), names);
        record Step(long t, String text) {
        }
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(pRead.t(), p + " reads " + pRead.get("value")));
        if (qRead != null) steps.add(new Step(qRead.t(), q + " reads " + qRead.get("value")));
        steps.add(new Step(qWrite.t(), q + " writes " + qWrite.get("value")));
        steps.add(new Step(pWrite.t(), p + " writes " + pWrite.get("value") + ", computed from the "
                + pRead.get("value") + " it read before " + q + "'s write"));
        steps.sort((a, b) -> Long.compare(a.t(), b.t()));
        String conclusion = q + "'s write of " + qWrite.get("value") + " is overwritten: its update is lost.";
        try {
            long base = Long.parseLong(pRead.get("value"));
            long mine = Long.parseLong(pWrite.get("value"));
            long theirs = Long.parseLong(qWrite.get("value"));
            conclusion += " Taking turns, the two would have left " + (theirs + mine - base) + ", not " + mine + ".";
        } catch (NumberFormatException notWholeNumbers) {
            // floats or characters: the sentence above says it
        }
        return new Story(obj, steps.stream().map(Step::text).toList(), conclusion);
    }

    private static String who(long pid, Map<Long, String> names) {
        String name = names.get(pid);
        return name == null ? "process " + pid : name + " (pid " + pid + ")";
    }
}
