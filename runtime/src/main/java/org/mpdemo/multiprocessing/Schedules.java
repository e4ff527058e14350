package org.mpdemo.multiprocessing;

import java.util.ArrayList;
import java.util.List;
import org.mpdemo.multiprocessing.internal.schedule.Scheduler;

/**
 * Forcing the interleaving of a program's processes: with {@code -Dmpdemo.schedule=1,2,1,2} set in the main
 * process, every shared access a child makes waits for its turn, and the turns go to the processes in the order
 * the schedule names them (1 is the first process a round starts). The kit's {@code --schedule} sets it.
 */
public final class Schedules {
    /** The system property a schedule is given in. */
    public static final String PROPERTY = Scheduler.PROPERTY;
    /**
     * The system property that asks for every schedule instead, one round each, up to the number it gives: the
     * kit's {@code mpdemo explore}. A program that explores runs rounds while {@link #explorationDone()} is false.
     */
    public static final String EXPLORE_PROPERTY = Scheduler.EXPLORE_PROPERTY;

    private Schedules() {
    }

    /**
     * The process numbers of a schedule such as {@code 1,2,1,2}; {@link IllegalArgumentException} saying what is
     * wrong with any other text.
     */
    public static int[] parse(String spec) {
        return Scheduler.parse(spec);
    }

    /** One process of the round, as a step sees it: what it waits to do, and where in the program. */
    public record Pending(int process, String state, String access, String obj, String where, boolean canGo) {
    }

    /** Picks the process that makes the round's next shared access: one whose {@code canGo} is true. */
    public interface Chooser {
        int choose(int step, List<Pending> round);
    }

    private static volatile boolean stepping;

    /**
     * Every step of the program's rounds is asked of {@code chooser} (the kit's {@code mpdemo step}): call it
     * before the program starts its first process.
     */
    public static void stepWith(Chooser chooser) {
        stepping = true;
        Scheduler.stepWith((step, round) -> chooser.choose(step, round.stream()
                .map(p -> new Pending(p.process(), p.state(), p.access(), p.obj(), p.where(), p.canGo())).toList()));
    }

    /** Whether the steps are asked of a {@link Chooser}. */
    public static boolean stepping() {
        return stepping;
    }

    /** Whether this program explores every schedule (and is the main process, which schedules). */
    public static boolean exploring() {
        return System.getProperty(EXPLORE_PROPERTY) != null && Scheduler.get() != null;
    }

    /** Exploring: whether every schedule has been run, the round just ended counted; true when not exploring. */
    public static boolean explorationDone() {
        Scheduler scheduler = Scheduler.get();
        return scheduler == null || scheduler.explorationDone();
    }

    /** Exploring: the schedule each round played, in {@code --schedule} form, in round order. */
    public static List<String> explored() {
        Scheduler scheduler = Scheduler.get();
        if (scheduler == null) return List.of();
        List<String> schedules = new ArrayList<>();
        for (int[] schedule : scheduler.explored()) {
            StringBuilder text = new StringBuilder();
            for (int n : schedule) text.append(text.length() == 0 ? "" : ",").append(n);
            schedules.add(text.toString());
        }
        return schedules;
    }

    /** Exploring: how many choices left out a process because its acquire would block. */
    public static int blockedChoices() {
        Scheduler scheduler = Scheduler.get();
        return scheduler == null ? 0 : scheduler.exploredCounts()[0];
    }

    /**
     * Exploring: how many schedules the search will run at most, as its first round shows (the interleavings of
     * that many accesses per process, up to the limit); 0 before a round has ended. For a progress bar.
     */
    public static long explorationBound() {
        Scheduler scheduler = Scheduler.get();
        return scheduler == null ? 0 : scheduler.explorationBound();
    }

    /** Exploring: whether the search stopped at its limit with schedules left to run. */
    public static boolean explorationCut() {
        Scheduler scheduler = Scheduler.get();
        return scheduler != null && scheduler.exploredCounts()[1] != 0;
    }
}
