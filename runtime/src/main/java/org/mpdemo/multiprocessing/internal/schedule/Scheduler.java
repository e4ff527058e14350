package org.mpdemo.multiprocessing.internal.schedule;

import java.util.Arrays;
import java.util.List;
import org.mpdemo.multiprocessing.internal.shm.SharedMemory;
import org.mpdemo.multiprocessing.trace.Trace;
import org.mpdemo.multiprocessing.trace.TraceEvent;

/**
 * The main process's side of a schedule ({@code -Dmpdemo.schedule=1,2,1,2}): one thread that lets the children's
 * switch points go, one access at a time, in the order the schedule names the processes.
 *
 * <p>A round is the processes started while the previous ones have all ended: bank-race's ten calls of
 * {@code performTransactions} are ten rounds, and each plays the schedule from its start. Process 1 is the first
 * one the round starts. After letting one access go, the scheduler waits until every process of the round is
 * stopped again (at its next switch point, asleep on a condition, or ended) before it lets the next go, so the
 * accesses happen exactly in the schedule's order. When the schedule runs out, the round runs freely.
 *
 * <p>A schedule that cannot be played — it names a process the round does not have, one that has ended, or one
 * whose acquire would block because another process holds the primitive — ends the program with one line on
 * standard error and exit status 2, as a wrong command line does; nothing waits for ever.
 */
public final class Scheduler implements Runnable {
    /** The schedule, as the command line gives it: comma-separated process numbers from 1. */
    public static final String PROPERTY = "mpdemo.schedule";
    /** Instead of one schedule, every one, a round each: the most schedules to run. */
    public static final String EXPLORE_PROPERTY = "mpdemo.explore";
    private static Scheduler instance;
    /** Set before the first process starts: each step is asked of it instead (mpdemo step). */
    private static volatile Chooser chooser;

    /** One process of the round as a step sees it. */
    public record Pending(int process, String state, String access, String obj, String where, boolean canGo) {
    }

    /** Picks the process that makes the next access: one of those with {@code canGo}. */
    public interface Chooser {
        int choose(int step, List<Pending> round);
    }

    private final String text;
    /** The one schedule every round plays, or null when exploring. */
    private final int[] order;
    /** The search over every schedule, or null when playing one. */
    private final Explorer explorer;
    private final Board board;

    // guarded by this
    private int processes;
    /** Whether the current round's end has been handled (explorer told, or nothing to tell). */
    private boolean roundFinished = true;
    private int step;
    private boolean joining;
    /** The slot let go last, and at which step: a WOULD_BLOCK there is that step's fault. */
    private int lastIndex = -1;

    private Scheduler(String text, int[] order, Explorer explorer) {
        this.text = text;
        this.order = order;
        this.explorer = explorer;
        this.board = new Board(SharedMemory.create(Board.SIZE));
        // before the first child's command line is built: Spawner passes mpdemo.* properties on
        System.setProperty(SwitchPoint.SEGMENT_PROPERTY, board.memory.handleText());
        Thread thread = new Thread(this, "mpdemo-scheduler");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The program's scheduler, started on first use; {@code null} without a schedule, and in a child (which
     * plays its part through {@link SwitchPoint}, and whose own children are not scheduled).
     */
    public static synchronized Scheduler get() {
        if (instance != null) return instance;
        if (System.getProperty(SwitchPoint.SEGMENT_PROPERTY) != null) return null;
        String spec = System.getProperty(PROPERTY);
        String explore = System.getProperty(EXPLORE_PROPERTY);
        if (spec != null) {
            instance = new Scheduler(spec, parse(spec), null);
        } else if (explore != null) {
            instance = new Scheduler("(explore)", null, new Explorer(Integer.parseInt(explore)));
        } else if (chooser != null) {
            instance = new Scheduler("(step)", null, null);
        }
        return instance;
    }

    /**
     * Under a schedule, in the main process: ends the program with one line saying {@code why} the schedule cannot
     * be played, and exit status 2, before anything starts that it would silently leave unscheduled.
     */
    public static void cannotPlay(String why) {
        if (System.getProperty(SwitchPoint.SEGMENT_PROPERTY) != null) return; // a child: its own are not scheduled
        String spec = System.getProperty(PROPERTY);
        String what = spec != null ? "--schedule " + spec : System.getProperty(EXPLORE_PROPERTY) != null
                ? "explore" : chooser != null ? "step" : null;
        if (what != null) exit(what, why);
    }

    /** Every step of the program's rounds is asked of {@code choose}; call before the first process starts. */
    public static synchronized void stepWith(Chooser choose) {
        chooser = choose;
    }

    /**
     * The process numbers of a schedule; {@link IllegalArgumentException} with the reason for any other text, for
     * the command line to report.
     */
    public static int[] parse(String spec) {
        if (spec.isBlank()) throw new IllegalArgumentException("a schedule names at least one process, such as 1,2,1,2");
        String[] parts = spec.split(",", -1);
        int[] order = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].strip();
            int n;
            try {
                n = Integer.parseInt(part);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + part + "' is not a process number (1, 2, …)");
            }
            if (n < 1 || n > Board.MAX_PROCESSES) {
                throw new IllegalArgumentException("process numbers go from 1 to " + Board.MAX_PROCESSES + " (got " + n
                        + ")");
            }
            order[i] = n;
        }
        return order;
    }

    /** A child of the round has been created ({@code pid}), and has not been sent its target yet. */
    public synchronized void started(long pid) {
        if (roundOver()) {
            finishRound();
            newRound();
        }
        if (processes == Board.MAX_PROCESSES) {
            fail("the program starts more than " + Board.MAX_PROCESSES + " processes in one round");
        }
        int index = processes++;
        board.setPid(index, pid);
        board.setState(index, Board.STARTING);
        board.changed();
    }

    /** The main process waits for a child: it will start no more processes in this round. */
    public synchronized void joining() {
        if (joining) return;
        joining = true;
        board.changed();
    }

    /** A child exited, whether or not its target returned. */
    public synchronized void exited(long pid) {
        int index = board.indexOf(pid);
        if (index < 0 || board.state(index) == Board.ENDED) return;
        board.setState(index, Board.ENDED);
        board.changed();
    }

    @Override
    public void run() {
        while (true) {
            int seen = board.changes();
            synchronized (this) {
                decide();
            }
            board.awaitChange(seen);
        }
    }

    /** One step if the round is ready for it. Fails the program on a schedule it cannot play. */
    private void decide() {
        if (processes == 0 || board.free()) return;
        for (int i = 0; i < processes; i++) {
            int state = board.state(i);
            if (state == Board.STARTING || state == Board.RUNNING) return; // not stopped yet
        }
        if (explorer != null) {
            explore();
            return;
        }
        if (order == null) {
            ask();
            return;
        }
        if (lastIndex >= 0 && board.state(lastIndex) == Board.WOULD_BLOCK) {
            fail("step " + step + " names process " + (lastIndex + 1) + ", which is blocked: " + describe(lastIndex));
        }
        if (step == order.length) {
            board.setFree(true);
            for (int i = 0; i < processes; i++) {
                int state = board.state(i);
                if (state == Board.AT_POINT || state == Board.WOULD_BLOCK) board.letGo(i);
            }
            return;
        }
        int index = order[step] - 1;
        if (index >= processes) {
            if (!joining) return; // it may yet be started
            fail("step " + (step + 1) + " names process " + (index + 1) + ", but this round has " + processes
                    + (processes == 1 ? " process" : " processes"));
        }
        switch (board.state(index)) {
            case Board.ENDED -> fail("step " + (step + 1) + " names process " + (index + 1)
                    + ", which has already finished");
            case Board.WAITING -> fail("step " + (step + 1) + " names process " + (index + 1)
                    + ", which is waiting on a condition");
            default -> {
                // AT_POINT
            }
        }
        letGo(index);
    }

    /**
     * One step of the search: once the round has all its processes (the main process waits for them) and all
     * are stopped, the explorer picks among those at a switch point.
     */
    private void explore() {
        if (!joining) return; // the round's processes may not all be started: the branches would vary
        int[] enabled = new int[processes];
        int count = 0;
        int waiting = 0;
        for (int i = 0; i < processes; i++) {
            if (board.state(i) != Board.AT_POINT) continue;
            waiting++;
            // an acquire that would block is no interleaving of its own: it is left out, not tried
            if (board.access(i) == TraceEvent.ACQUIRE.ordinal() && !board.couldGo(i)) {
                explorer.skippedBlocked();
                continue;
            }
            enabled[count++] = i + 1;
        }
        if (count == 0) {
            if (waiting > 0) fail("every process that could move would block on a lock: a deadlock");
            if (roundOver()) finishRound();
            return;
        }
        int index = explorer.choose(Arrays.copyOf(enabled, count)) - 1;
        letGo(index);
    }

    /** One step chosen by the {@link Chooser}, once the round has all its processes and all are stopped. */
    private void ask() {
        if (!joining) return;
        List<Pending> round = new java.util.ArrayList<>();
        boolean any = false;
        for (int i = 0; i < processes; i++) {
            int state = board.state(i);
            String name = switch (state) {
                case Board.AT_POINT -> "ready";
                case Board.WAITING -> "waiting on a condition";
                case Board.ENDED -> "finished";
                default -> "running";
            };
            boolean ready = state == Board.AT_POINT;
            String access = ready ? TraceEvent.values()[board.access(i)].wireName() : "";
            boolean canGo = ready && (board.access(i) != TraceEvent.ACQUIRE.ordinal() || board.couldGo(i));
            if (ready && !canGo) name = "blocked, waiting for " + board.obj(i);
            any |= canGo;
            round.add(new Pending(i + 1, name, access, ready ? board.obj(i) : "", ready ? board.where(i) : "", canGo));
        }
        if (!any) {
            if (round.stream().anyMatch(p -> p.state().startsWith("blocked"))) {
                fail("every process that could move would block on a lock: a deadlock");
            }
            return;
        }
        int chosen = chooser.choose(step + 1, round);
        if (chosen < 1 || chosen > processes || !round.get(chosen - 1).canGo()) {
            fail("the chooser picked process " + chosen + ", which cannot go");
        }
        letGo(chosen - 1);
    }

    /** Lets the process at {@code index} make the access it waits at, as the round's next step. */
    private void letGo(int index) {
        step++;
        lastIndex = index;
        TraceEvent access = TraceEvent.values()[board.access(index)];
        if (Trace.enabled()) {
            Trace.event(TraceEvent.SWITCH, "step", step, "process", index + 1, "child", board.pid(index),
                    "access", access.wireName(), "obj", board.obj(index), "where", board.where(index));
        }
        board.letGo(index);
    }

    /** The round's end, told to the explorer once; called by whichever side sees it first. */
    private void finishRound() {
        if (roundFinished || processes == 0) return;
        roundFinished = true;
        if (explorer != null) explorer.roundEnded();
    }

    /** Exploring: whether every schedule has been run (the round just ended counted). */
    public synchronized boolean explorationDone() {
        if (explorer == null) return true;
        if (processes > 0 && roundOver()) finishRound();
        return explorer.done();
    }

    /** Exploring: the schedule each round played, process numbers from 1, in round order. */
    public synchronized List<int[]> explored() {
        return explorer == null ? List.of() : List.copyOf(explorer.schedules());
    }

    /** Exploring: how many schedules the search will run at most, as known so far; 0 before a round has ended. */
    public synchronized long explorationBound() {
        return explorer == null ? 0 : explorer.bound();
    }

    /** Exploring: how many chosen acquires would have blocked (another branch was taken), and whether it was cut. */
    public synchronized int[] exploredCounts() {
        return explorer == null ? new int[2] : new int[] {explorer.blocked(), explorer.cut() ? 1 : 0};
    }

    private String describe(int index) {
        TraceEvent access = TraceEvent.values()[board.access(index)];
        return access == TraceEvent.ACQUIRE ? "another process holds " + board.obj(index)
                : board.obj(index) + " is taken";
    }

    private boolean roundOver() {
        for (int i = 0; i < processes; i++) {
            if (board.state(i) != Board.ENDED && ProcessHandle.of(board.pid(i)).map(ProcessHandle::isAlive)
                    .orElse(false)) {
                return false;
            }
        }
        return true;
    }

    private void newRound() {
        for (int i = 0; i < processes; i++) {
            board.setState(i, Board.EMPTY);
            board.setPid(i, 0);
        }
        processes = 0;
        roundFinished = false;
        step = 0;
        lastIndex = -1;
        joining = false;
        board.setFree(false);
        board.setRound(board.round() + 1);
    }

    private void fail(String why) {
        exit("--schedule " + text, why);
    }

    /** One line on standard error, after what the program printed, and exit status 2, as for a wrong command line. */
    private static void exit(String what, String why) {
        System.out.flush();
        System.err.println("mpdemo: " + what + ": " + why);
        System.err.flush();
        System.exit(2);
    }

    @Override
    public String toString() {
        return "Scheduler" + Arrays.toString(order);
    }
}
