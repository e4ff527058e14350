package org.mpdemo.demos.basics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mpdemo.demos.DemoRun;

/** The basics tutorial's programs (one test each). */
class BasicsTest {

    @Test
    void processesPrintNothingAndOneProcessPerCpuRan() {
        DemoRun run = DemoRun.of("processes");
        assertEquals("", run.stdout());
        assertEquals("", run.stderr());
        assertEquals(0, run.exitCode());
        assertEquals(Runtime.getRuntime().availableProcessors(), run.trace().named("process-start").size());
        run.assertAsDocumented();
    }

    @Test
    void queueDeliversAllTenNumbersEachProducerInOrder() {
        DemoRun run = DemoRun.of("queue");
        assertEquals(0, run.exitCode(), run.stderr());
        List<String> lines = run.lines();
        assertEquals(11, lines.size(), run.stdout());
        assertEquals("end main", lines.get(10));
        List<Integer> numbers = lines.subList(0, 10).stream().map(Integer::parseInt).toList();
        assertEquals(List.of(1, 4, 9, 16, 25), numbers.stream().filter(n -> n > 0).toList());
        assertEquals(List.of(-1, -2, -3, -4, -5), numbers.stream().filter(n -> n < 0).toList());
        run.assertAsDocumented();
    }

    @Test
    void poolMapPrintsTheCubes() {
        DemoRun run = DemoRun.of("pool-map");
        assertEquals(List.of("[0, 1, 8, 27, 64, 125, 216, 343, 512, 729]"), run.lines());
        assertEquals(0, run.exitCode());
        run.assertAsDocumented();
    }

    @Test
    void poolPidsPrintsEveryWorkerLineThenTheList() {
        DemoRun run = DemoRun.of("pool-pids");
        assertEquals(0, run.exitCode(), run.stderr());
        List<String> lines = run.lines();
        assertEquals(6, lines.size(), run.stdout());
        long main = run.trace().named("pool-start").get(0).pid();
        Pattern worker = Pattern.compile("Worker process id for (\\d): (\\d+)");
        Set<Integer> numbers = new TreeSet<>();
        for (String line : lines.subList(0, 5)) {
            Matcher m = worker.matcher(line);
            assertTrue(m.matches(), line);
            numbers.add(Integer.parseInt(m.group(1)));
            assertNotEquals(main, Long.parseLong(m.group(2)), "a worker's pid, not the main process's");
        }
        assertEquals(Set.of(1, 2, 3, 4, 5), numbers);
        assertEquals("[1, 4, 9, 16, 25]", lines.get(5));
        run.assertAsDocumented();
    }
}
