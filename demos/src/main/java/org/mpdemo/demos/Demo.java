package org.mpdemo.demos;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What the kit knows about a demo, on the demo class itself (above the {@code tag::program[]} region, so the
 * program the reader sees stays the tutorial's): {@link DemoCatalog} lists the classes and reads the rest here.
 * A race demo also declares its outcomes with {@link RaceOutcomes}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Demo {

    /** The name on the command line: {@code mpdemo run ID}. */
    String id();

    /** The lesson it belongs to, such as {@code lock}; {@code mpdemo walkthrough TOPIC} steps through them. */
    String topic();

    /** Its step in the topic's lesson, from 1. */
    int order();

    /** One line on what it shows, for {@code mpdemo list}. */
    String summary();
}
