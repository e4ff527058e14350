package org.mpdemo.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpdemo.demos.TraceLog;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class TimelineTest {
    @TempDir
    Path dir;

    /** Two tasks under a Semaphore(2), a third waiting for it; a process started by the program. */
    TraceLog trace() throws Exception {
        Path file = dir.resolve("t.jsonl");
        Files.write(file, List.of(
                "{\"t\": 1000000000, \"pid\": 1, \"event\": \"pool-start\", \"processes\": 3}",
                "{\"t\": 1100000000, \"pid\": 2, \"event\": \"task-start\", \"job\": 1, \"task\": 0}",
                "{\"t\": 1100000000, \"pid\": 2, \"event\": \"acquire\", \"obj\": \"semaphore-1-1\", \"kind\": \"Semaphore\"}",
                "{\"t\": 1200000000, \"pid\": 3, \"event\": \"task-start\", \"job\": 1, \"task\": 1}",
                "{\"t\": 1300000000, \"pid\": 3, \"event\": \"acquire\", \"obj\": \"semaphore-1-1\", \"kind\": \"Semaphore\"}",
                "{\"t\": 1300000000, \"pid\": 4, \"event\": \"task-start\", \"job\": 1, \"task\": 2}",
                "{\"t\": 1300000000, \"pid\": 4, \"event\": \"acquire-wait\", \"obj\": \"semaphore-1-1\"}",
                "{\"t\": 1500000000, \"pid\": 2, \"event\": \"release\", \"obj\": \"semaphore-1-1\", \"kind\": \"Semaphore\"}",
                "{\"t\": 1500000000, \"pid\": 2, \"event\": \"task-end\", \"job\": 1, \"task\": 0, \"ok\": true}",
                "{\"t\": 1500000001, \"pid\": 4, \"event\": \"acquire\", \"obj\": \"semaphore-1-1\", \"kind\": \"Semaphore\"}",
                "{\"t\": 1600000000, \"pid\": 3, \"event\": \"release\", \"obj\": \"semaphore-1-1\", \"kind\": \"Semaphore\"}",
                "{\"t\": 1600000000, \"pid\": 3, \"event\": \"task-end\", \"job\": 1, \"task\": 1, \"ok\": true}",
                "{\"t\": 1700000000, \"pid\": 4, \"event\": \"release\", \"obj\": \"semaphore-1-1\", \"kind\": \"Semaphore\"}",
                "{\"t\": 1700000000, \"pid\": 4, \"event\": \"task-end\", \"job\": 1, \"task\": 2, \"ok\": true}",
                "{\"t\": 1700000000, \"pid\": 1, \"event\": \"process-start\", \"name\": \"Process-1\", \"child\": 9}",
                "{\"t\": 1800000000, \"pid\": 9, \"event\": \"value-set\", \"obj\": \"value-1\", \"value\": 1}",
                "{\"t\": 2100000000, \"pid\": 9, \"event\": \"value-get\", \"obj\": \"value-1\", \"value\": 1}"));
        return TraceLog.read(file);
    }

    @Test
    void lanesFollowTasksAndProcessesAndStateTheMostHolders() throws Exception {
        Timeline timeline = Timeline.of(trace());
        assertEquals(List.of("task 0", "task 1", "task 2", "Process-1"),
                timeline.lanes().stream().map(Timeline.Lane::label).toList());
        Timeline.Lane process = timeline.lanes().get(3);
        assertEquals(1_700_000_000L, process.start());
        assertEquals(2_100_000_000L, process.end(), "a process's lane ends with its last event");
        assertEquals(2, timeline.mostHolders("Semaphore"));
        assertEquals(1.0, timeline.seconds(), 1e-9);

        String text = timeline.render(80, false);
        for (String line : text.lines().toList()) assertTrue(line.length() <= 80, line);
        assertTrue(text.contains("Most holders at once: 2 (Semaphore semaphore-1-1), first reached at 0.20 s"),
                text);
        String waiting = text.lines().filter(l -> l.startsWith("task 2")).findFirst().orElseThrow();
        assertTrue(waiting.contains(".") && waiting.contains("#"), "task 2 waited, then held: " + waiting);
    }

    @Test
    void theSvgIsAValidPicture() throws Exception {
        Timeline timeline = Timeline.of(trace());
        Document svg = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(timeline.svg().getBytes(StandardCharsets.UTF_8)));
        Element root = svg.getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());
        String[] viewBox = root.getAttribute("viewBox").split(" ");
        assertEquals(4, viewBox.length, root.getAttribute("viewBox"));
        assertTrue(Double.parseDouble(viewBox[2]) > 0 && Double.parseDouble(viewBox[3]) > 0);
        NodeList rects = root.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect");
        // 4 lanes running, task 0 / 1 / 2 holding, task 2 waiting, and 5 legend boxes
        assertEquals(4 + 3 + 1 + 5, rects.getLength());
        for (int i = 0; i < rects.getLength(); i++) {
            Element rect = (Element) rects.item(i);
            double x = Double.parseDouble(rect.getAttribute("x"));
            double width = Double.parseDouble(rect.getAttribute("width"));
            assertTrue(x >= 0 && x + width <= Double.parseDouble(viewBox[2]) + 0.01, "inside the picture");
        }
        assertTrue(root.getTextContent().contains("Most holders at once: 2 (Semaphore semaphore-1-1)"),
                root.getTextContent());
    }

    @Test
    void manyPrimitivesOfOneKindAreSummedUpInOneLine() throws Exception {
        Path file = dir.resolve("barriers.jsonl");
        List<String> events = new java.util.ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            events.add("{\"t\": " + (i * 10) + ", \"pid\": 7, \"event\": \"acquire\", \"obj\": \"rlock-" + i
                    + "\", \"kind\": \"RLock\"}");
            events.add("{\"t\": " + (i * 10 + 5) + ", \"pid\": 7, \"event\": \"release\", \"obj\": \"rlock-" + i
                    + "\", \"kind\": \"RLock\"}");
        }
        Files.write(file, events);
        Timeline timeline = Timeline.of(TraceLog.read(file));
        assertEquals(List.of("Most holders at once: 1 (the most of any of 3 RLocks)"), timeline.holdingLines());
    }

    /**
     * A lock taken 10 000 times in one task: the holds, closer together than a pixel, are one bar (the tooltip says
     * how many), so the picture stays small; holds further apart stay apart.
     */
    @Test
    void spansCloserThanAPixelAreDrawnAsOneBar() throws Exception {
        List<String> lines = new java.util.ArrayList<>();
        lines.add("{\"t\": 0, \"pid\": 2, \"event\": \"task-start\", \"job\": 1, \"task\": 0}");
        long t = 0;
        for (int i = 0; i < 10_000; i++) {
            lines.add("{\"t\": " + (t += 1_000) + ", \"pid\": 2, \"event\": \"acquire\", \"obj\": \"lock-1-1\", "
                    + "\"kind\": \"Lock\"}");
            lines.add("{\"t\": " + (t += 1_000) + ", \"pid\": 2, \"event\": \"release\", \"obj\": \"lock-1-1\", "
                    + "\"kind\": \"Lock\"}");
        }
        // then, after a pause of half the run, one more hold
        lines.add("{\"t\": " + (t += 20_000_000) + ", \"pid\": 2, \"event\": \"acquire\", \"obj\": \"lock-1-1\", "
                + "\"kind\": \"Lock\"}");
        lines.add("{\"t\": " + (t += 1_000) + ", \"pid\": 2, \"event\": \"release\", \"obj\": \"lock-1-1\", "
                + "\"kind\": \"Lock\"}");
        lines.add("{\"t\": " + (t += 1_000) + ", \"pid\": 2, \"event\": \"task-end\", \"job\": 1, \"task\": 0, "
                + "\"ok\": true}");
        Path file = dir.resolve("many.jsonl");
        Files.write(file, lines);
        String svg = Timeline.of(TraceLog.read(file)).svg();
        Document picture = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        NodeList titles = picture.getElementsByTagNameNS("http://www.w3.org/2000/svg", "title");
        List<String> holding = new java.util.ArrayList<>();
        for (int i = 0; i < titles.getLength(); i++) {
            String title = titles.item(i).getTextContent();
            if (title.startsWith("holding")) holding.add(title);
        }
        assertEquals(List.of("holding (10000 times, closer than a pixel)", "holding"), holding);
        assertTrue(svg.length() < 10_000, "the picture is " + svg.length() + " bytes");
    }

    /**
     * A wait at a barrier is drawn as one, not as a condition; waiting for a manager's lock is drawn as waiting, not
     * as running.
     */
    @Test
    void aBarrierWaitAndAManagerLockWaitAreNamedForWhatTheyAre() throws Exception {
        Path file = dir.resolve("kinds.jsonl");
        Files.write(file, List.of(
                "{\"t\": 0, \"pid\": 1, \"event\": \"process-start\", \"name\": \"Process-1\", \"child\": 5}",
                "{\"t\": 100, \"pid\": 5, \"event\": \"wait\", \"obj\": \"barrier-1-1\", \"kind\": \"Barrier\"}",
                "{\"t\": 300, \"pid\": 5, \"event\": \"wake\", \"obj\": \"barrier-1-1\", \"kind\": \"Barrier\"}",
                "{\"t\": 400, \"pid\": 5, \"event\": \"proxy-acquire-wait\", \"obj\": \"lock-9-1\", \"kind\": \"Lock\"}",
                "{\"t\": 700, \"pid\": 5, \"event\": \"proxy-acquire\", \"obj\": \"lock-9-1\", \"kind\": \"Lock\"}",
                "{\"t\": 800, \"pid\": 5, \"event\": \"proxy-release\", \"obj\": \"lock-9-1\", \"kind\": \"Lock\"}",
                "{\"t\": 900, \"pid\": 5, \"event\": \"value-get\", \"obj\": \"value-1\", \"value\": 1}"));
        Timeline.Lane lane = Timeline.of(TraceLog.read(file)).lanes().get(0);
        assertEquals(List.of(new Timeline.Span(Timeline.State.BARRIER, 100, 300),
                new Timeline.Span(Timeline.State.WAIT, 400, 700), new Timeline.Span(Timeline.State.HOLD, 700, 800)),
                lane.spans());
        assertTrue(Timeline.of(TraceLog.read(file)).render(80, false).contains("= waiting at a barrier"));
    }
}
