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

    /** Bytes that are not text, a wrong line, an unwritable picture, a huge width: each one sentence of ours. */
    @Test
    void badInputGetsOurOwnWordsAndStatus2() throws Exception {
        Path binary = dir.resolve("garbage.jsonl");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, (byte) 0x80, '\n'});
        MpdemoTest.Result garbage = MpdemoTest.mpdemo("timeline", binary.toString());
        assertEquals(2, garbage.status());
        assertEquals(List.of("mpdemo: cannot read the trace " + binary + ": it is not UTF-8 text"), garbage.errLines());

        Path notes = dir.resolve("notes.jsonl");
        Files.writeString(notes, "x".repeat(100) + "\n");
        MpdemoTest.Result wrong = MpdemoTest.mpdemo("timeline", notes.toString());
        assertEquals(List.of("mpdemo: cannot read the trace " + notes + ": line 1 is not one JSON object: "
                + "x".repeat(40) + "…"), wrong.errLines());

        MpdemoTest.Result svg = MpdemoTest.mpdemo("timeline", trace().toString(), "--svg", "/proc/nope/x.svg");
        assertEquals(2, svg.status());
        assertEquals(1, svg.errLines().size(), svg.err());
        assertTrue(svg.err().startsWith("mpdemo: Invalid value for option '--svg': cannot write /proc/nope/x.svg: "
                + "the folder /proc/nope does not exist"), svg.err());
        assertEquals("", svg.out());

        MpdemoTest.Result wide = MpdemoTest.mpdemo("timeline", trace().toString(), "--width", "100000");
        assertEquals(2, wide.status());
        assertEquals("", wide.out());
        assertTrue(wide.err().startsWith("mpdemo: Invalid value for option '--width': must be from 40 to 400 columns "
                + "(got 100000)"), wide.err());
    }
}
