package org.mpdemo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimelineCommandTest {
    @TempDir
    Path dir;

    Path trace() throws Exception {
        Path file = dir.resolve("run.jsonl");
        Files.write(file, List.of(
                "{\"t\": 100, \"pid\": 2, \"event\": \"task-start\", \"job\": 1, \"task\": 0}",
                "{\"t\": 200, \"pid\": 2, \"event\": \"acquire\", \"obj\": \"lock-1-1\", \"kind\": \"Lock\"}",
                "{\"t\": 900, \"pid\": 2, \"event\": \"release\", \"obj\": \"lock-1-1\", \"kind\": \"Lock\"}",
                "{\"t\": 1000, \"pid\": 2, \"event\": \"task-end\", \"job\": 1, \"task\": 0, \"ok\": true}"));
        return file;
    }

    @Test
    void drawsTheTraceInTheWidthGivenAndWritesTheSvg() throws Exception {
        Path svg = dir.resolve("run.svg");
        MpdemoTest.Result result = MpdemoTest.mpdemo("timeline", trace().toString(), "--width", "60", "--svg",
                svg.toString());
        assertEquals(0, result.status(), result.err());
        assertEquals("", result.err());
        List<String> lines = result.out().lines().toList();
        for (String line : lines) assertTrue(line.length() <= 60, line);
        assertTrue(lines.get(0).startsWith("1 lane over "), lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("task 0 |") && l.contains("#")), result.out());
        assertTrue(String.join(" ", lines).contains("Most holders at once: 1 (Lock lock-1-1), first reached at"),
                result.out());
        assertTrue(Files.readString(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    }

    @Test
    void aMissingTraceIsOneLineAndStatus2() {
        MpdemoTest.Result result = MpdemoTest.mpdemo("timeline", dir.resolve("none.jsonl").toString());
        assertEquals(2, result.status());
        assertEquals(List.of("mpdemo: no trace file " + dir.resolve("none.jsonl")), result.errLines());
    }

    @Test
    void aFileThatIsNotATraceIsOneLineAndStatus2() throws Exception {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "not json\n");
        MpdemoTest.Result result = MpdemoTest.mpdemo("timeline", file.toString());
        assertEquals(2, result.status());
        assertEquals(1, result.errLines().size(), result.err());
        assertTrue(result.err().startsWith("mpdemo: cannot read the trace " + file + ": "), result.err());
    }
}
