package org.mpdemo.demos;

import org.mpdemo.classroom.Checks;

/**
 * What every "primitive in task arguments" demo must show in its trace, whatever its flavour: the checks
 * {@code mpdemo verify} makes ({@link Checks}), as test assertions.
 */
public final class FailureDemoChecksAccess {
    private FailureDemoChecksAccess() {
    }

    public static String message(String type) {
        return Checks.message(type);
    }

    /**
     * Every task failed with CPython's error, raised in the main process while serializing — never in a
     * worker — and no task ever started.
     */
    public static void everyTaskFailedInTheParent(DemoRun run, int tasks, String type) {
        Asserting.that(() -> Checks.everyTaskFailedInTheParent(run.observation(), tasks, type));
    }

    /**
     * The main program was over within a second of its tasks failing (the tutorial: "almost immediately"); see
     * {@link Checks#overWithinASecondOfTheFailure}.
     */
    public static void overWithinASecondOfTheFailure(DemoRun run) {
        Asserting.that(() -> Checks.overWithinASecondOfTheFailure(run.observation()));
    }

    public static void errorCallbackFiredOnce(DemoRun run) {
        Asserting.that(() -> Checks.errorCallbackCalls(run.observation(), 1));
    }

    /**
     * Standard error ends with exactly {@code SharingError: <CPython's message>}, under a short trace that says
     * it was raised in the main process while serializing — never in a worker.
     */
    public static void endsWithTheError(DemoRun run, String type) {
        Asserting.that(() -> Checks.endsWithTheError(run.observation(), type));
    }
}
