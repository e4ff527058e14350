package org.mpdemo.multiprocessing.internal.schedule;

import java.util.ArrayList;
import java.util.List;

/**
 * The choices of an exhaustive search over a round's interleavings, one round per schedule: a depth-first walk of
 * the tree whose nodes are the moments the scheduler picks a process, and whose branches are the processes that
 * could make their next access there. Each round replays the path to the deepest node with a branch left, takes
 * that branch, and from there takes the first branch at every new node.
 *
 * <p>The walk relies on what a schedule guarantees: with the same choices a round reaches the same nodes with the
 * same branches. A process whose next access is an acquire that would block is no branch at that node (it could
 * only wait): the scheduler leaves it out, and the explorer counts it.
 */
final class Explorer {
    /** At most this many schedules: beyond, the search stops and says it did not finish. */
    private final int limit;
    /** One node per step of the current path. */
    private final List<Node> path = new ArrayList<>();
    private final List<int[]> schedules = new ArrayList<>();
    private int depth;
    private int blocked;
    private boolean done;

    /** The processes (numbers from 1) that could go at one step, and which of them the path takes. */
    private static final class Node {
        final int[] branches;
        int taken;

        Node(int[] branches) {
            this.branches = branches;
        }
    }

    Explorer(int limit) {
        this.limit = limit;
    }

    /** Which of {@code enabled} (process numbers, ascending) goes at the round's next step. */
    int choose(int[] enabled) {
        if (depth == path.size()) path.add(new Node(enabled));
        Node node = path.get(depth);
        depth++;
        return node.branches[node.taken];
    }

    /** At a step, one process was left out because its acquire would block. */
    void skippedBlocked() {
        if (depth == path.size()) blocked++; // counted where the node is new, not on every replay of it
    }

    /** The round is over: records its schedule, and moves the path on to the next unexplored branch. */
    void roundEnded() {
        int[] schedule = new int[depth];
        for (int i = 0; i < depth; i++) schedule[i] = path.get(i).branches[path.get(i).taken];
        schedules.add(schedule);
        while (path.size() > depth) path.remove(path.size() - 1); // a round can end before a replayed node
        while (!path.isEmpty() && path.get(path.size() - 1).taken + 1 >= path.get(path.size() - 1).branches.length) {
            path.remove(path.size() - 1);
        }
        if (path.isEmpty() || schedules.size() >= limit) {
            done = true;
        } else {
            path.get(path.size() - 1).taken++;
        }
        depth = 0;
    }

    boolean done() {
        return done;
    }

    /** Whether the search stopped at its limit with branches left. */
    boolean cut() {
        return done && !path.isEmpty();
    }

    /** The schedule each round played, in round order. */
    List<int[]> schedules() {
        return schedules;
    }

    /**
     * How many schedules the search will run at most, as known after its first round: the interleavings of as many
     * accesses per process as that round made, n! / (k1! k2! ...), and no more than the limit. A round whose
     * processes made other counts, or choices left out because a process would block, make the real number
     * differ; it is never less than the schedules already run. 0 before the first round ends.
     */
    long bound() {
        if (schedules.isEmpty()) return 0;
        int[] first = schedules.get(0);
        int processes = 0;
        for (int n : first) processes = Math.max(processes, n);
        int[] counts = new int[processes];
        for (int n : first) counts[n - 1]++;
        long bound = 1;
        int placed = 0;
        for (int k : counts) {
            for (int i = 1; i <= k && bound <= limit; i++) {
                placed++;
                bound = bound * placed / i; // C(placed, i) stays whole at every step of the product
            }
        }
        return Math.max(schedules.size(), Math.min(bound, limit));
    }

    /** How many times a process was left out of a step because its acquire would block. */
    int blocked() {
        return blocked;
    }
}
