package org.mpdemo.classroom;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Chunk;
import java.util.ArrayList;
import java.util.List;

/**
 * What changed between two versions of a program, line by line, as java-diff-utils computes it (Myers'
 * algorithm), shown as hunks with a little context: {@code "  "} for a line both have, {@code "- "} for one only
 * the old has, {@code "+ "} for one only the new has, and {@code "  ..."} where unchanged lines are left out.
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

    /**
     * Every line of both versions, in order, each marked ' ', '-' or '+'; within a change the removed lines come
     * first, so that it reads as "this became that".
     */
    public static List<Line> diff(List<String> before, List<String> after) {
        List<Line> lines = new ArrayList<>();
        int next = 0; // the first line of before not yet shown
        for (AbstractDelta<String> delta : DiffUtils.diff(before, after).getDeltas()) {
            Chunk<String> removed = delta.getSource();
            for (; next < removed.getPosition(); next++) lines.add(new Line(' ', before.get(next)));
            for (String line : removed.getLines()) lines.add(new Line('-', line));
            for (String line : delta.getTarget().getLines()) lines.add(new Line('+', line));
            next += removed.size();
        }
        for (; next < before.size(); next++) lines.add(new Line(' ', before.get(next)));
        return lines;
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
