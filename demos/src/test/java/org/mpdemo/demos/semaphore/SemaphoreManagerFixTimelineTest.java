package org.mpdemo.demos.semaphore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.mpdemo.classroom.Expectations;
import org.mpdemo.classroom.Timeline;
import org.mpdemo.demos.DemoRun;
import org.w3c.dom.Document;

/** {@code mpdemo run semaphore-manager-fix --timeline}: the picture shows two holders at most, and two at once. */
class SemaphoreManagerFixTimelineTest {

    @Test
    void theTimelineShowsAtMostTwoLanesHoldingAndTwoAtSomeMoment() throws Exception {
        DemoRun run = DemoRun.of("semaphore-manager-fix", "--time-scale", String.valueOf(Expectations.OVERLAP_SCALE),
                "--timeline");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().contains("Most holders at once: 2 (Semaphore "), run.stdout());

        // the lanes themselves: sweep over every task's holding spans
        Timeline timeline = Timeline.of(run.trace());
        List<long[]> edges = new ArrayList<>();
        for (Timeline.Lane lane : timeline.lanes()) {
            for (Timeline.Span span : lane.spans()) {
                if (span.state() != Timeline.State.HOLD) continue;
                edges.add(new long[] {span.from(), 1});
                edges.add(new long[] {span.to(), -1});
            }
        }
        edges.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int holding = 0;
        int most = 0;
        for (long[] edge : edges) most = Math.max(most, holding += (int) edge[1]);
        assertEquals(2, most, "lanes holding at once");

        // and the SVG is a well-formed picture
        Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(timeline.svg().getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", svg.getDocumentElement().getNodeName());
        assertTrue(svg.getDocumentElement().hasAttribute("viewBox"));
        assertTrue(svg.getElementsByTagName("rect").getLength() >= 10, "a bar per lane at least");
    }
}
