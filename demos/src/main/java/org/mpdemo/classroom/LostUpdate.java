package org.mpdemo.classroom;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mpdemo.demos.TraceLog;
import org.mpdemo.multiprocessing.trace.TraceEvent;

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
        return !trace.named(TraceEvent.VALUE_SET).isEmpty();
    }

    /** The first lost update in the trace, if there is one. */
    public static Optional<Story> first(TraceLog trace) {
        Map<Long, String> names = new HashMap<>();
        for (TraceLog.Event e : trace.named(TraceEvent.PROCESS_START)) {
            names.put(Long.parseLong(e.get("child")), e.get("name"));
        }
        // per Value: the last read of each process, and every write so far, in time order
        Map<String, Map<Long, TraceLog.Event>> lastRead = new HashMap<>();
        Map<String, List<TraceLog.Event>> writes = new HashMap<>();
        for (TraceLog.Event e : trace.events()) {
            String obj = e.get("obj");
            if (obj == null) continue;
            if (e.is(TraceEvent.VALUE_GET)) {
                lastRead.computeIfAbsent(obj, k -> new HashMap<>()).put(e.pid(), e);
            } else if (e.is(TraceEvent.VALUE_SET)) {
                TraceLog.Event read = lastRead.getOrDefault(obj, Map.of()).get(e.pid());
                List<TraceLog.Event> earlier = writes.computeIfAbsent(obj, k -> new ArrayList<>());
                if (read != null) {
                    List<TraceLog.Event> overwritten = new ArrayList<>();
                    for (int i = earlier.size() - 1; i >= 0 && earlier.get(i).t() > read.t(); i--) {
                        if (earlier.get(i).pid() != e.pid()) overwritten.add(0, earlier.get(i));
                    }
                    if (!overwritten.isEmpty()) {
                        TraceLog.Event firstLost = overwritten.get(0);
                        return Optional.of(tell(obj, read, e, overwritten,
                                lastReadBefore(trace, obj, firstLost), names));
                    }
                }
                earlier.add(e);
            }
        }
        return Optional.empty();
    }

    private static TraceLog.Event lastReadBefore(TraceLog trace, String obj, TraceLog.Event write) {
        TraceLog.Event found = null;
        for (TraceLog.Event e : trace.events()) {
            if (e.t() > write.t()) break;
            if (e.pid() == write.pid() && e.is(TraceEvent.VALUE_GET) && obj.equals(e.get("obj"))) found = e;
        }
        return found;
    }

    /**
     * P read, then others wrote ({@code overwritten}, in time order), then P wrote what it computed from its
     * read: every one of those writes is lost.
     */
    private static Story tell(String obj, TraceLog.Event pRead, TraceLog.Event pWrite,
                              List<TraceLog.Event> overwritten, TraceLog.Event qRead, Map<Long, String> names) {
        String p = who(pWrite.pid(), names);
        TraceLog.Event firstLost = overwritten.get(0);
        TraceLog.Event lastLost = overwritten.get(overwritten.size() - 1);
        boolean oneWriter = overwritten.stream().allMatch(w -> w.pid() == firstLost.pid());
        String q = oneWriter ? who(firstLost.pid(), names) : "the other processes";
        int lost = overwritten.size();
        List<String> steps = new ArrayList<>();
        steps.add(p + " reads " + pRead.get("value"));
        if (qRead != null && qRead.t() > pRead.t()) {
            steps.add(who(firstLost.pid(), names) + " reads " + qRead.get("value"));
        } else if (qRead != null) {
            steps.add(0, who(firstLost.pid(), names) + " reads " + qRead.get("value"));
        }
        steps.add(who(firstLost.pid(), names) + " writes " + firstLost.get("value"));
        if (lost > 1) {
            steps.add((oneWriter ? q : "they") + " write" + (oneWriter ? "s " : " ") + (lost - 1) + " more time"
                    + (lost == 2 ? "" : "s") + ", the last " + lastLost.get("value"));
        }
        steps.add(p + " writes " + pWrite.get("value") + ", computed from the " + pRead.get("value")
                + " it read before " + (lost == 1 ? q + "'s write" : "those writes"));
        String conclusion = lost == 1
                ? q + "'s write of " + firstLost.get("value") + " is overwritten: its update is lost."
                : "All " + lost + " writes of " + q + " since " + p + " read are overwritten: " + lost
                        + " updates lost.";
        try {
            long base = Long.parseLong(pRead.get("value"));
            long mine = Long.parseLong(pWrite.get("value"));
            long theirs = Long.parseLong(lastLost.get("value"));
            conclusion += " Taking turns, they would have left " + (theirs + mine - base) + ", not " + mine + ".";
        } catch (NumberFormatException notWholeNumbers) {
            // floats or characters: the sentence above says it
        }
        return new Story(obj, steps, conclusion);
    }

    private static String who(long pid, Map<Long, String> names) {
        String name = names.get(pid);
        return name == null ? "process " + pid : name + " (pid " + pid + ")";
    }
}
