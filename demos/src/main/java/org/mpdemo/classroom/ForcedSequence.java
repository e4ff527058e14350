package org.mpdemo.classroom;

import java.util.List;

/**
 * One of the tutorial's three sequence diagrams of the bank race, as a schedule that forces it: with {@code --ops 1}
 * each process reads the balance once and writes it once, and the schedule names who makes each of the four
 * accesses. The walkthrough, {@code explain} and the site's races page all show these three, from real runs.
 *
 * @param schedule the process numbers, such as {@code 1,2,1,2}
 * @param meaning  what the run shows, in one sentence
 */
public record ForcedSequence(String schedule, String meaning) {

    /** The tutorial's three: the withdraw lost, the deposit lost, and one after the other. */
    public static final List<ForcedSequence> TUTORIAL = List.of(
            new ForcedSequence("1,2,1,2",
                    "Both read 100; the withdraw writes 99, then the deposit writes 101: the withdraw is lost."),
            new ForcedSequence("2,1,2,1", "The same the other way round: the deposit is lost, 99."),
            new ForcedSequence("1,1,2,2", "One after the other: 100, right."));

    /** The options of {@code mpdemo run} that force it. */
    public List<String> options() {
        return List.of("--ops", "1", "--schedule", schedule);
    }
}
