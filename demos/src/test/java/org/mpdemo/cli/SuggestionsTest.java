package org.mpdemo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    static final List<String> IDS = List.of("semaphore-sync-reraise", "lock-silent-failure", "lock-error-callback",
            "lock-sync-reraise", "condition-error-callback");

    @Test
    void distanceCountsEdits() {
        assertEquals(0, Suggestions.distance("lock", "lock"));
        assertEquals(1, Suggestions.distance("lock-error-callbak", "lock-error-callback"));
        assertEquals(3, Suggestions.distance("kitten", "sitting"));
        assertEquals(4, Suggestions.distance("", "lock"));
    }

    @Test
    void aTypoFindsTheOneItMeant() {
        assertEquals(List.of("lock-error-callback"), Suggestions.closest("lock-error-callbak", IDS, 3));
        assertEquals(List.of("lock-sync-reraise"), Suggestions.closest("Lock-Sync-Rerasie", IDS, 3));
    }

    @Test
    void aFragmentFindsTheIdsThatContainIt() {
        assertEquals(List.of("lock-silent-failure", "lock-error-callback", "lock-sync-reraise"),
                Suggestions.closest("lock", IDS, 3));
        assertEquals(List.of("semaphore-sync-reraise", "lock-sync-reraise"),
                Suggestions.closest("sync-reraise", IDS, 3));
    }

    @Test
    void nothingCloseFindsNothing() {
        assertEquals(List.of(), Suggestions.closest("qqq", IDS, 3));
    }
}
