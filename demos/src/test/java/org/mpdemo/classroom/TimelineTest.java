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

    /**
     * pool-worker-crash: task 3's worker dies in it. Its lane ends where the worker was last heard from, carries a
     * cross, and a line says what happened; the other lanes end as usual, and a worker the pool's terminate()
     * stopped with no task running marks nothing.
     */
    @Test
    void aWorkerThatDiesInATaskIsMarkedOnItsLane() throws Exception {
        Path file = dir.resolve("crash.jsonl");
        Files.write(file, List.of(
                "{\"t\": 0, \"pid\": 1, \"event\": \"pool-start\", \"processes\": 2}",
                "{\"t\": 100, \"pid\": 2, \"event\": \"task-start\", \"job\": 1, \"task\": 2}",
                "{\"t\": 200, \"pid\": 2, \"event\": \"task-end\", \"job\": 1, \"task\": 2, \"ok\": true}",
                "{\"t\": 300, \"pid\": 2, \"event\": \"task-start\", \"job\": 1, \"task\": 3}",
                "{\"t\": 400, \"pid\": 3, \"event\": \"task-start\", \"job\": 1, \"task\": 4}",
                "{\"t\": 900, \"pid\": 1, \"event\": \"worker-exit\", \"worker\": 2, \"status\": 1}",
                "{\"t\": 1000, \"pid\": 3, \"event\": \"task-end\", \"job\": 1, \"task\": 4, \"ok\": true}",
                "{\"t\": 1100, \"pid\": 1, \"event\": \"pool-terminate\"}",
                "{\"t\": 1200, \"pid\": 1, \"event\": \"worker-exit\", \"worker\": 3, \"status\": 137}"));
        Timeline timeline = Timeline.of(TraceLog.read(file));
        assertEquals(List.of("task 2", "task 3", "task 4"),
                timeline.lanes().stream().map(Timeline.Lane::label).toList());
        Timeline.Lane died = timeline.lanes().get(1);
        assertEquals(300, died.end(), "the task ran until its worker was last heard from");
        assertEquals("its worker process 2 died (exit status 1)", died.died());
        assertEquals(java.util.Arrays.asList(null, "its worker process 2 died (exit status 1)", null),
                timeline.lanes().stream().map(Timeline.Lane::died).toList());
        assertEquals(List.of("X task 3: its worker process 2 died (exit status 1)"), timeline.deathLines());

        String text = timeline.render(60, false);
        String lane = text.lines().filter(l -> l.startsWith("task 3")).findFirst().orElseThrow();
        assertEquals(1, lane.chars().filter(c -> c == 'X').count(), lane);
        assertTrue(text.contains("X its process ended"), text);
        assertTrue(text.contains("  X task 3: its worker process 2 died (exit status 1)"), text);
        for (String other : text.lines().filter(l -> l.startsWith("task 2") || l.startsWith("task 4")).toList()) {
            assertTrue(other.indexOf('X') < 0, other);
        }
        String svg = timeline.svg();
        assertEquals(2, count(svg, "stroke=\"#d62828\""), "a cross on the lane and one before its line");
        assertTrue(svg.contains(">task 3: its worker process 2 died (exit status 1)</text>"), svg);
        // without a death there is no cross, no legend entry and no line
        String plain = Timeline.of(trace()).render(80, false);
        assertTrue(!plain.contains("X"), plain);
        assertTrue(!Timeline.of(trace()).svg().contains("#d62828"));
    }

    /** A started process's lane ends when its parent reaps it, and says so when its exit code is not 0. */
    @Test
    void aProcessLaneEndsAtItsExit() throws Exception {
        Path file = dir.resolve("processes.jsonl");
        Files.write(file, List.of(
                "{\"t\": 0, \"pid\": 1, \"event\": \"process-start\", \"name\": \"Process-1\", \"child\": 5}",
                "{\"t\": 10, \"pid\": 1, \"event\": \"process-start\", \"name\": \"Process-2\", \"child\": 6}",
                "{\"t\": 700, \"pid\": 1, \"event\": \"process-exit\", \"child\": 6, \"exitcode\": 0}",
                "{\"t\": 900, \"pid\": 1, \"event\": \"process-exit\", \"child\": 5, \"exitcode\": -9}",
                "{\"t\": 950, \"pid\": 1, \"event\": \"acquire\", \"obj\": \"lock-1\", \"kind\": \"Lock\"}",
                "{\"t\": 990, \"pid\": 1, \"event\": \"release\", \"obj\": \"lock-1\", \"kind\": \"Lock\"}"));
        Timeline timeline = Timeline.of(TraceLog.read(file));
        assertEquals(List.of("Process-1", "Process-2", "MainProcess"),
                timeline.lanes().stream().map(Timeline.Lane::label).toList());
        assertEquals(List.of(900L, 700L), timeline.lanes().subList(0, 2).stream().map(Timeline.Lane::end).toList());
        assertEquals(List.of("X Process-1: it ended with exit code -9"), timeline.deathLines());
        assertTrue(timeline.worthDrawing());
    }

    /** Lanes that all last less than a pixel of the picture draw nothing: such a run gets no picture. */
    @Test
    void aRunOfSliversIsNotWorthDrawing() throws Exception {
        Path file = dir.resolve("slivers.jsonl");
        List<String> lines = new java.util.ArrayList<>();
        for (int task = 0; task < 5; task++) {
            long t = task * 1_000_000L;
            lines.add("{\"t\": " + t + ", \"pid\": 2, \"event\": \"task-start\", \"job\": 1, \"task\": " + task + "}");
            lines.add("{\"t\": " + (t + 1_000) + ", \"pid\": 2, \"event\": \"task-end\", \"job\": 1, \"task\": "
                    + task + ", \"ok\": true}");
        }
        Files.write(file, lines);
        assertTrue(!Timeline.of(TraceLog.read(file)).worthDrawing(), "tasks of 1 us over 4.001 ms");
        // one task of four pixels is enough (4 ms over 640 px: 6.25 us a pixel), and one of three is not
        lines.set(1, "{\"t\": 18000, \"pid\": 2, \"event\": \"task-end\", \"job\": 1, \"task\": 0, \"ok\": true}");
        Files.write(file, lines);
        assertTrue(!Timeline.of(TraceLog.read(file)).worthDrawing(), "a task of 3 px");
        lines.set(1, "{\"t\": 25100, \"pid\": 2, \"event\": \"task-end\", \"job\": 1, \"task\": 0, \"ok\": true}");
        Files.write(file, lines);
        assertTrue(Timeline.of(TraceLog.read(file)).worthDrawing(), "a task of 4 px");
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) n++;
        return n;
    }
}
