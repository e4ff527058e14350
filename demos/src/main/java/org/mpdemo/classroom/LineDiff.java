package org.mpdemo.classroom;

import java.util.ArrayList;
import java.util.List;

/**
 * What changed between two versions of a program, line by line: a longest-common-subsequence diff, shown as
 * hunks with a little context — {@code "  "} for a line both have, {@code "- "} for one only the old has,
 * {@code "+ "} for one only the new has, and {@code "  ..."} where unchanged lines are left out.
 */
public final class LineDiff {
    /** One line of the diff. */
    public record Line(char kind, String text) {
        public String show() {
            return (kind == ' ' ? "  " : kind + " ") + text;
        }
    }

    private LineDiff() {
    }

    /** Every line of both versions, in order, each marked ' ', '-' or '+'. */
    public static List<Line> diff(List<String> before, List<String> after) {
        int n = before.size();
        int m = after.size();
        int[][] common = new int[n + 1][m + 1]; // common[i][j]: LCS length of before[i..] and after[j..]
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                common[i][j] = before.get(i).equals(after.get(j)) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<Line> lines = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && before.get(i).equals(after.get(j))) {
                lines.add(new Line(' ', before.get(i)));
                i++;
                j++;
            } else if (j < m && (i == n || common[i][j + 1] >= common[i + 1][j])) {
                lines.add(new Line('+', after.get(j++)));
            } else {
                lines.add(new Line('-', before.get(i++)));
            }
        }
        // within a run of changes, removals first: reads as "this became that"
        List<Line> ordered = new ArrayList<>();
        int k = 0;
        while (k < lines.size()) {
            if (lines.get(k).kind() == ' ') {
                ordered.add(lines.get(k++));
                continue;
            }
            List<Line> removed = new ArrayList<>();
            List<Line> added = new ArrayList<>();
            while (k < lines.size() && lines.get(k).kind() != ' ') {
                (lines.get(k).kind() == '-' ? removed : added).add(lines.get(k));
                k++;
            }
            ordered.addAll(removed);
            ordered.addAll(added);
        }
        return ordered;
    }

    /** Only the changes, each with up to {@code context} unchanged lines around it; "  ..." marks a gap. */
    public static List<Line> hunks(List<String> before, List<String> after, int context) {
        List<Line> all = diff(before, after);
        boolean[] keep = new boolean[all.size()];
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).kind() == ' ') continue;
            for (int j = Math.max(0, i - context); j <= Math.min(all.size() - 1, i + context); j++) keep[j] = true;
        }
        List<Line> shown = new ArrayList<>();
        boolean gap = false;
        for (int i = 0; i < all.size(); i++) {
            if (keep[i]) {
                if (gap) shown.add(new Line(' ', "..."));
                gap = false;
                shown.add(all.get(i));
            } else {
                gap = true;
            }
        }
        if (gap && !shown.isEmpty()) shown.add(new Line(' ', "..."));
        return shown;
    }
}
