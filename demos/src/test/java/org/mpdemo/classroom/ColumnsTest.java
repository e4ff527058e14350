package org.mpdemo.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnsTest {

    @Test
    void proseWrapsAtSpacesUnderItsIndent() {
        assertEquals(List.of("  one two", "  three"), Columns.wrap("one two three", 10, "  "));
    }

    @Test
    void codeContinuesEightColumnsDeeperAndAvoidsStringLiterals() {
        assertEquals(List.of(
                        "    call(\"a b c\",",
                        "            more);"),
                Columns.wrapCode("    call(\"a b c\", more);", 18));
    }

    @Test
    void aCommentContinuesAsAComment() {
        assertEquals(List.of("  // one two", "  // three"), Columns.wrapCode("  // one two three", 12));
        assertEquals(List.of("  /** one two", "   * three */"), Columns.wrapCode("  /** one two three */", 13));
    }

    @Test
    void withoutASpaceCodeBreaksAfterAParenthesis() {
        assertEquals(List.of("  f(", "          Very::longName);"), Columns.wrapCode("  f(Very::longName);", 12));
    }
}
