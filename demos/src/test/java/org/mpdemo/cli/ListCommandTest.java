package org.mpdemo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mpdemo.demos.DemoCatalog;
import org.mpdemo.demos.DemoInfo;

class ListCommandTest {
    static final List<DemoInfo> DEMOS = List.of(
            new DemoInfo("short", "pool", "fits easily", Object.class),
            new DemoInfo("a-much-longer-id", "condition",
                    "a summary long enough that it cannot possibly fit in what is left of eighty columns",
                    Object.class));

    @Test
    void columnsAreAligned() {
        assertEquals(List.of(
                        "short             pool       fits easily",
                        "a-much-longer-id  condition  a summary long enough that it cannot possibly fit in what "
                                + "is left of eighty columns"),
                ListCommand.table(DEMOS, 0));
    }

    @Test
    void longSummariesWrapUnderTheirColumn() {
        List<String> lines = ListCommand.table(DEMOS, 80);
        assertEquals("short             pool       fits easily", lines.get(0));
        assertEquals("a-much-longer-id  condition  a summary long enough that it cannot possibly fit",
                lines.get(1));
        assertEquals("                             in what is left of eighty columns", lines.get(2));
        assertEquals(3, lines.size());
    }

    /** A projector's narrow terminal: the summaries wrap under their column. */
    @Test
    void theCatalogFitsSixtyColumns() {
        List<String> lines = ListCommand.table(DemoCatalog.all(), 60);
        for (String line : lines) assertTrue(line.length() <= 60, line.length() + ": " + line);
        assertTrue(lines.size() > DemoCatalog.all().size(), "nothing wrapped");
    }

    @Test
    void theCatalogFitsEightyColumnsOnATerminal() {
        List<String> lines = ListCommand.table(DemoCatalog.all(), 80);
        for (String line : lines) assertTrue(line.length() <= 80, line);
        String all = String.join(" ", lines).replaceAll(" +", " ");
        for (DemoInfo demo : DemoCatalog.all()) assertTrue(all.contains(demo.summary()), demo.summary());
    }
}
