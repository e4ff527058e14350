package org.mpdemo.demos.basics;

import static org.mpdemo.classroom.Checks.check;
import static org.mpdemo.classroom.Checks.equal;
import static org.mpdemo.classroom.Expectations.SMALL_SCALE;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mpdemo.classroom.Checks;
import org.mpdemo.classroom.Expectations.Expectation;
import org.mpdemo.multiprocessing.trace.TraceEvent;

/**
 * What each basics demo documents, as the check {@code mpdemo verify} and the tests make.
 */
public final class BasicsExpectations {

    private BasicsExpectations() {
    }

    /** The documented behaviour of each demo of the topic, by its class. */
    public static Map<Class<?>, Expectation> byDemo() {
        return Map.of(
                Processes.class, processes(),
                PoolMap.class, poolMap(),
                PoolPids.class, poolPids(),
                QueueDemo.class, queue());
    }

    private static Expectation processes() {
        return new Expectation("no output, exit 0; one process per CPU", SMALL_SCALE, 1, run -> {
            Checks.stdoutEmpty(run);
            Checks.stderrEmpty(run);
            Checks.exitStatus(run, 0);
            int cpus = Runtime.getRuntime().availableProcessors();
            equal(cpus, Checks.events(run, TraceEvent.PROCESS_START).size(), "processes started (one per CPU)");
            return "no output, exit 0; " + cpus + " processes started and joined";
        });
    }

    private static Expectation poolMap() {
        return new Expectation("[0, 1, 8, 27, 64, 125, 216, 343, 512, 729]", SMALL_SCALE, 1, run -> {
            Checks.stdoutIs(run, List.of("[0, 1, 8, 27, 64, 125, 216, 343, 512, 729]"));
            Checks.stderrEmpty(run);
            Checks.exitStatus(run, 0);
            return "the ten cubes, in order";
        });
    }

    private static Expectation poolPids() {
        return new Expectation("5 worker lines with workers' pids, then [1, 4, 9, 16, 25]", SMALL_SCALE, 1, run -> {
            Checks.exitStatus(run, 0);
            List<String> lines = run.lines();
            equal(6, lines.size(), "lines on standard output");
            long main = Checks.mainPid(run.trace());
            Pattern worker = Pattern.compile("Worker process id for (\\d): (\\d+)");
            Set<Integer> numbers = new TreeSet<>();
            Set<Long> pids = new TreeSet<>();
            for (String line : lines.subList(0, 5)) {
                Matcher m = worker.matcher(line);
                check(m.matches(), "not a worker line: '" + line + "'");
                numbers.add(Integer.parseInt(m.group(1)));
                long pid = Long.parseLong(m.group(2));
                check(pid != main, "a worker line shows the main process's pid " + main);
                pids.add(pid);
            }
            equal(Set.of(1, 2, 3, 4, 5), numbers, "numbers squared");
            // the lesson: the pool spreads the work over its processes (Pool() has one per CPU)
            int least = Math.min(2, Runtime.getRuntime().availableProcessors());
            check(pids.size() >= least, "the five squares came from " + pids.size() + " worker pid(s); a Pool() on "
                    + "this machine spreads them over at least " + least);
            equal("[1, 4, 9, 16, 25]", lines.get(5), "last line");
            return "5 worker lines from " + pids.size() + " worker pids, then the squares";
        });
    }

    /** Nothing on standard error: a process that cannot sleep on a futex fails now, it does not poll. */
    private static Expectation queue() {
        return new Expectation("ten numbers, each process's in order, then 'end main'", SMALL_SCALE, 1, run -> {
            Checks.exitStatus(run, 0);
            Checks.stderrEmpty(run);
            List<String> lines = run.lines();
            equal(11, lines.size(), "lines on standard output");
            equal("end main", lines.get(10), "last line");
            List<Integer> numbers = new ArrayList<>();
            for (String line : lines.subList(0, 10)) {
                check(line.matches("-?\\d+"), "not a number: '" + line + "'");
                numbers.add(Integer.parseInt(line));
            }
            equal(List.of(1, 4, 9, 16, 25), numbers.stream().filter(n -> n > 0).toList(), "the squares, in order");
            equal(List.of(-1, -2, -3, -4, -5), numbers.stream().filter(n -> n < 0).toList(),
                    "the negatives, in order");
            return "all ten numbers, each process's in order: " + String.join(" ", lines.subList(0, 10));
        });
    }
}
