package org.mpdemo.classroom;

import static org.mpdemo.classroom.Checks.check;
import static org.mpdemo.classroom.Checks.equal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.mpdemo.demos.DemoCatalog;
import org.mpdemo.demos.DemoInfo;
import org.mpdemo.demos.basics.BasicsExpectations;
import org.mpdemo.demos.condition.ConditionExpectations;
import org.mpdemo.demos.lock.LockExpectations;
import org.mpdemo.demos.manager.ManagerExpectations;
import org.mpdemo.demos.pool.PoolExpectations;
import org.mpdemo.demos.races.RacesExpectations;
import org.mpdemo.demos.semaphore.SemaphoreExpectations;
import org.mpdemo.multiprocessing.trace.TraceEvent;

/**
 * Each demo's documented behaviour — the "Expect" paragraph of its class comment — as a check over one run:
 * exit status, standard output and error, and the trace. {@code mpdemo verify} and the demos' tests use these
 * same checks. Each topic keeps its own beside its demos ({@code LockExpectations} in {@code demos.lock}, keyed
 * by demo class); here are the types, what the semaphore and lock demos share, and the lookup by id.
 */
public final class Expectations {

    /** The outcome of a check: one line on what the run showed, and whether that is what the demo documents. */
    public record Verdict(String observed, boolean ok) {
    }

    /**
     * One demo's documented behaviour.
     *
     * @param expected  one line saying what the demo should show
     * @param timeScale the smallest time scale at which it shows it reliably
     * @param attempts  how many runs may be needed to see it (more than 1 only where the behaviour depends on
     *                  timing that a loaded machine can upset: then one good run in that many proves it)
     * @param options   options the run needs, such as {@code --reliable} for a race that must show every time
     * @param check     returns a one-line description of what was observed, or throws {@link Checks.Mismatch}
     */
    public record Expectation(String expected, double timeScale, int attempts, List<String> options,
                              Function<Observation, String> check) {

        /** Checked on a run with the default options. */
        public Expectation(String expected, double timeScale, int attempts, Function<Observation, String> check) {
            this(expected, timeScale, attempts, List.of(), check);
        }

        public Verdict verdict(Observation run) {
            try {
                return new Verdict(check.apply(run), true);
            } catch (Checks.Mismatch m) {
                return new Verdict(m.getMessage(), false);
            } catch (RuntimeException e) {
                return new Verdict("the check itself failed: " + e, false);
            }
        }
    }

    /** Fast enough for every demo whose behaviour does not depend on several tasks overlapping. */
    public static final double SMALL_SCALE = 0.01;
    /**
     * The fix demos: tasks hold the primitive long enough for several workers to be up and competing. A pool's
     * first worker starts alone and the others follow its first result, so the ten tasks (4.5 s of pauses at
     * scale 1 with seed 1) must outlast the others' start-up: at 0.2 the first worker could finish nearly all of
     * them before another was up when the machine was busy (a CI build gave 1 holder in 3 of 3 attempts); at 0.5
     * it has 2.3 s of work alone, against the 0.6 s the others take to start here, 1.5 s under a full build.
     */
    public static final double OVERLAP_SCALE = 0.5;

    private Expectations() {
    }

    /** Every topic's expectations, gathered on first use: the topics build some with this class's factories. */
    private static final class ByDemo {
        static final Map<Class<?>, Expectation> ALL = all(SemaphoreExpectations.byDemo(), LockExpectations.byDemo(),
                ConditionExpectations.byDemo(), ManagerExpectations.byDemo(), PoolExpectations.byDemo(),
                RacesExpectations.byDemo(), BasicsExpectations.byDemo());

        @SafeVarargs
        private static Map<Class<?>, Expectation> all(Map<Class<?>, Expectation>... topics) {
            Map<Class<?>, Expectation> all = new HashMap<>();
            for (Map<Class<?>, Expectation> topic : topics) all.putAll(topic);
            return Map.copyOf(all);
        }
    }

    /**
     * The documented behaviour of the demo with this id, if it has one: the entry of its topic's expectations
     * (such as {@code LockExpectations}, beside the demos), or for a demo that declares its outcomes and has no
     * entry, what those say (a race shows a wrong outcome in its reliable mode; a fix shows only right ones).
     */
    public static Optional<Expectation> of(String id) {
        return DemoCatalog.find(id).flatMap(demo -> Optional.ofNullable(ByDemo.ALL.get(demo.mainClass()))
                .or(() -> demo.declaredOutcomes().map(Expectations::fromOutcomes)));
    }

    /** Checks one run against its demo's documented behaviour. */
    public static Verdict verdictFor(Observation run) {
        return of(run.id()).map(e -> e.verdict(run))
                .orElse(new Verdict("no documented behaviour to check for " + run.id(), false));
    }

    // ---- what the semaphore and lock demos share: the primitive in task arguments, and its fixes ----------

    public static Expectation silentFailure(String type) {
        return new Expectation("no output, exit 0, over at once; 10 tasks failed in the parent", SMALL_SCALE, 1,
                run -> {
                    Checks.stdoutEmpty(run);
                    Checks.stderrEmpty(run);
                    Checks.exitStatus(run, 0);
                    Checks.everyTaskFailedInTheParent(run, 10, type);
                    long ms = Checks.overWithinASecondOfTheFailure(run);
                    Checks.errorCallbackCalls(run, 0);
                    return "no output, exit 0; 10 tasks failed in the parent; over " + ms + " ms later";
                });
    }

    public static Expectation errorCallback(String type) {
        return new Expectation("'" + type + " objects should only be shared…' once, exit 0", SMALL_SCALE, 1, run -> {
            Checks.stdoutIs(run, List.of(Checks.message(type)));
            Checks.stderrEmpty(run);
            Checks.exitStatus(run, 0);
            Checks.everyTaskFailedInTheParent(run, 10, type);
            Checks.errorCallbackCalls(run, 1);
            long ms = Checks.overWithinASecondOfTheFailure(run);
            return "the message once, exit 0; one callback for 10 failed tasks; over in " + ms + " ms";
        });
    }

    public static Expectation syncReraise(String type) {
        return new Expectation("nothing printed; SharingError re-raised, exit 1", SMALL_SCALE, 1, run -> {
            Checks.stdoutEmpty(run);
            Checks.exitStatus(run, 1);
            Checks.endsWithTheError(run, type);
            Checks.everyTaskFailedInTheParent(run, 10, type);
            return "exit 1, stderr ends 'SharingError: " + type + " objects…'; raised while serializing";
        });
    }

    public static Expectation sharedFix(String type, int permits) {
        return new Expectation("10 tasks complete; at most " + permits + " inside the " + type + " at once",
                OVERLAP_SCALE, 3, run -> {
                    Checks.exitStatus(run, 0);
                    Checks.stderrEmpty(run);
                    Checks.everyTaskCompletedOnce(run.lines(), 10);
                    Checks.mostHoldersAtOnce(run, type, permits);
                    return "10 tasks completed once each; most holders at once: " + permits;
                });
    }

    /** What a demo's declared outcomes promise, for a race demo without an entry of its own. */
    static Expectation fromOutcomes(DemoInfo.Outcomes outcomes) {
        if (outcomes.alwaysRight()) {
            return new Expectation("every outcome one of " + outcomes.expected(), SMALL_SCALE, 1, run -> {
                Checks.exitStatus(run, 0);
                List<String> found = OutcomeTable.outcomes(outcomes, run);
                check(!found.isEmpty(), "no outcome line on standard output");
                for (String outcome : found) {
                    check(outcomes.isExpected(outcome, false), outcomes.wrong() + ": '" + outcome + "'");
                }
                return found.size() + " outcomes, every one right";
            });
        }
        return new Expectation("with --reliable: an outcome other than " + outcomes.reliableExpected(), SMALL_SCALE,
                3, List.of("--reliable"), run -> {
                    Checks.exitStatus(run, 0);
                    List<String> found = OutcomeTable.outcomes(outcomes, run);
                    check(!found.isEmpty(), "no outcome line on standard output");
                    String wrong = found.stream().filter(o -> !outcomes.isExpected(o, true)).findFirst()
                            .orElseThrow(() -> new Checks.Mismatch("every outcome was right: no "
                                    + outcomes.wrong() + " in this run"));
                    return outcomes.wrong() + ": '" + wrong + "'";
                });
    }

    /** At 0.2 a second worker joins while the first still has tasks, so the limit is reached, not just kept. */
    public static Expectation managerFix(String kind, int permits, double scale, int attempts) {
        return new Expectation("10 tasks complete; the manager's " + kind + " held by at most " + permits
                + " at once", scale, attempts, run -> {
                    Checks.exitStatus(run, 0);
                    Checks.stderrEmpty(run);
                    Checks.eachIdOnce(run.lines(), Checks.COMPLETED, 10);
                    String obj = Checks.heldAtMostInTheManager(run, kind, permits);
                    if (permits == 1) {
                        equal(10L, Checks.events(run, TraceEvent.ACQUIRE).stream().filter(e -> obj.equals(e.get("obj")))
                                .count(), "acquires (one per task)");
                    }
                    return "10 tasks completed; most holders at once: " + permits + ", all in the manager";
                });
    }
}
