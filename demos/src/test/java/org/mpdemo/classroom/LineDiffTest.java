package org.mpdemo.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LineDiffTest {

    @Test
    void changedLinesShowAsRemovedThenAdded() {
        List<String> before = List.of("a", "b", "c", "d");
        List<String> after = List.of("a", "B", "c", "d", "e");
        assertEquals(List.of("  a", "- b", "+ B", "  c", "  d", "+ e"),
                LineDiff.diff(before, after).stream().map(LineDiff.Line::show).toList());
    }

    @Test
    void hunksKeepALittleContextAndMarkTheGaps() {
        List<String> before = List.of("1", "2", "3", "4", "5", "6", "7", "8");
        List<String> after = List.of("1", "2", "3", "4", "5", "6", "7", "eight");
        assertEquals(List.of("  ...", "  7", "- 8", "+ eight"),
                LineDiff.hunks(before, after, 1).stream().map(LineDiff.Line::show).toList());
        assertEquals(List.of(), LineDiff.hunks(before, before, 1));
    }
}
