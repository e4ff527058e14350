package org.mpdemo.demos;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How a demo whose result varies from run to run reports it, as jcstress declares a test's outcomes on the test:
 * what {@code mpdemo run ID --runs N} tabulates and {@code mpdemo verify} checks. Read into
 * {@link DemoInfo.Outcomes}, whose javadoc says what each element means.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RaceOutcomes {

    /** A regular expression that a whole outcome line matches. */
    String line();

    /** The correct outcomes, exactly as printed. */
    String[] expected();

    /** The correct outcomes in the demo's reliable mode, if they differ from {@link #expected}. */
    String[] reliableExpected() default {};

    /** The verdict for any other outcome. */
    String wrong() default "lost update";

    /** Whether every outcome must be correct (the fix), rather than a wrong one being the lesson (the race). */
    boolean alwaysRight() default false;
}
