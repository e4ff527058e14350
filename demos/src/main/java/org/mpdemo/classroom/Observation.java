package org.mpdemo.classroom;

import java.util.List;
import org.mpdemo.demos.TraceLog;

/**
 * What one run of a demo did: its exit status, what it printed on each stream, its trace and how long it took
 * (seconds, wall clock, JVM start included).
 */
public record Observation(String id, int exitCode, String stdout, String stderr, TraceLog trace, double seconds) {

    /** Standard output, one element per line. */
    public List<String> lines() {
        return stdout.lines().toList();
    }

    /** Standard error, one element per line. */
    public List<String> errorLines() {
        return stderr.lines().toList();
    }
}
