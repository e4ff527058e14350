package org.mpdemo.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** "Did you mean …": the known names closest to a mistyped one. */
final class Suggestions {
    private Suggestions() {
    }

    /**
     * Up to {@code max} of {@code known}: first the names that contain what was typed (or are contained in it),
     * then the names within a few edits of it, fewest edits first. Case is ignored; ties keep the order of
     * {@code known}.
     */
    static List<String> closest(String typed, Collection<String> known, int max) {
        String wanted = typed.toLowerCase(Locale.ROOT);
        record Candidate(String name, boolean contains, int distance) {
        }
        List<Candidate> candidates = new ArrayList<>();
        for (String name : known) {
            String lower = name.toLowerCase(Locale.ROOT);
            boolean contains = !wanted.isEmpty() && (lower.contains(wanted) || wanted.contains(lower));
            int distance = distance(wanted, lower);
            if (contains || distance <= allowedEdits(wanted)) candidates.add(new Candidate(name, contains, distance));
        }
        return candidates.stream()
                .sorted(Comparator.comparingInt((Candidate c) -> c.contains() ? -1 : c.distance()))
                .limit(max)
                .map(Candidate::name)
                .toList();
    }

    /** How many typing mistakes still count as "close": about one in three characters, at least two. */
    private static int allowedEdits(String typed) {
        return Math.max(2, typed.length() / 3);
    }

    /** Levenshtein distance: the fewest insertions, deletions and substitutions turning {@code a} into {@code b}. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
