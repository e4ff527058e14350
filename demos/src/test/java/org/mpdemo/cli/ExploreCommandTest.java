package org.mpdemo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpdemo.classroom.DemoProcess;
import org.mpdemo.demos.TraceLog;
import org.mpdemo.multiprocessing.trace.TraceEvent;

/** {@code mpdemo explore}: every interleaving of a round, each run with fresh processes, in one table. */
class ExploreCommandTest {
    @TempDir
    Path dir;

    record Result(int status, List<String> out, String err) {
    }

    Result explore(String... args) throws Exception {
        List<String> command = DemoProcess.cli(args);
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE).start();
        process.getOutputStream().close();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "explore did not end in 120 s");
        return new Result(process.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Two reads and two writes in every order: 4!/(2!2!) = 6 schedules, two for each balance. */
    @Test
    void bankRaceWithOneOpHasSixSchedulesTwoForEachBalance() throws Exception {
        Result r = explore("explore", "bank-race", "--ops", "1");
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
        assertEquals(List.of(
                "Outcome              Schedules  Frequency  Verdict      Example schedule",
                "Final balance = 100          2      33.3%  expected     1,1,2,2",
                "Final balance = 101          2      33.3%  lost update  1,2,1,2",
                "Final balance = 99           2      33.3%  lost update  1,2,2,1",
                "",
                "All 6 schedules of a round with --ops 1, each with fresh processes."), r.out());
    }

    /** Under the lock only right answers; a schedule where a process would wait for the lock is skipped. */
    @Test
    void bankLockHasOnlyTheRightBalance() throws Exception {
        Result r = explore("explore", "bank-lock", "--ops", "1");
        assertEquals(0, r.status(), r.err());
        assertEquals(List.of(
                "Outcome              Schedules  Frequency  Verdict      Example schedule",
                "Final balance = 100          2     100.0%  expected     1,1,1,1,2,2,2,2",
                "",
                "All 2 schedules of a round with --ops 1, each with fresh processes.",
                "6 choices in which a process would have waited for a lock were left out."), r.out());
        for (String line : r.out()) assertTrue(line.length() <= 80, line);
    }

    /** Each schedule runs with two fresh child processes, and the trace names them at every switch. */
    @Test
    void everyScheduleRunsWithTwoFreshChildren() throws Exception {
        Path trace = dir.resolve("trace.jsonl");
        Result r = explore("explore", "bank-race", "--ops", "1", "--trace", trace.toString());
        assertEquals(0, r.status(), r.err());
        List<TraceLog.Event> switches = TraceLog.read(trace).named(TraceEvent.SWITCH);
        assertEquals(24, switches.size(), "4 switches in each of 6 schedules");
        Set<String> all = new HashSet<>();
        for (int round = 0; round < 6; round++) {
            Set<String> children = new HashSet<>();
            for (TraceLog.Event e : switches.subList(4 * round, 4 * round + 4)) children.add(e.get("child"));
            assertEquals(2, children.size(), "schedule " + (round + 1) + ": " + children);
            all.addAll(children);
        }
        assertEquals(12, all.size(), "no process serves two schedules");
    }

    /** 8!/(4!4!) = 70 schedules, within 30 s on two cores (the test allows more for a loaded machine). */
    @Test
    void bankRaceWithTwoOpsHasSeventySchedules() throws Exception {
        Result r = explore("explore", "bank-race", "--ops", "2");
        assertEquals(0, r.status(), r.err());
        assertEquals("All 70 schedules of a round with --ops 2, each with fresh processes.",
                r.out().get(r.out().size() - 1));
        Map<String, Integer> counts = new TreeMap<>();
        for (String row : r.out().subList(1, r.out().size() - 2)) {
            String[] cells = row.split("  +");
            counts.put(cells[0], Integer.parseInt(cells[1].strip()));
        }
        assertEquals(70, counts.values().stream().mapToInt(Integer::intValue).sum(), counts.toString());
        assertEquals(Set.of("Final balance = 100", "Final balance = 101", "Final balance = 102",
                "Final balance = 98", "Final balance = 99"), counts.keySet());
    }

    /**
     * On a terminal (a pseudo-terminal made by util-linux's {@code script}) a progress bar counts the schedules
     * against the bound the first round shows, 4!/(2!2!) = 6, and is cleared before the table.
     */
    @Test
    void onATerminalAProgressBarCountsTheSchedules() throws Exception {
        Path typescript = dir.resolve("typescript");
        String command = String.join(" ", DemoProcess.cli("explore", "bank-race", "--ops", "1").stream()
                .map(WalkthroughTerminalTest::quote).toList());
        Process process = new ProcessBuilder("script", "-q", "-e", "-c", command, typescript.toString())
                .redirectInput(ProcessBuilder.Redirect.PIPE).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "explore under script did not end in 120 s");
        assertEquals(0, process.exitValue());
        String screen = Files.readString(typescript, StandardCharsets.UTF_8);
        for (int n = 2; n <= 6; n++) {
            String bar = "#".repeat(30 * n / 6) + ".".repeat(30 - 30 * n / 6);
            assertTrue(screen.contains("\rexploring [" + bar + "] " + n + " of at most 6 schedules"),
                    "no bar for schedule " + n + " in " + screen);
        }
        // the last bar is wiped (carriage return, spaces, carriage return) before the table starts
        String last = "exploring [" + "#".repeat(30) + "] 6 of at most 6 schedules";
        assertTrue(screen.contains(last + "\r" + " ".repeat(last.length()) + "\rOutcome "), screen);
    }

    /**
     * kill -9 of the main process in the middle of a search: the children of the round it was playing end, and
     * nothing of it is left in /dev/shm.
     */
    @Test
    void killingTheMainProcessDuringExploreLeavesNoChildAndNoSegment() throws Exception {
        Path trace = dir.resolve("trace.jsonl");
        Files.createFile(trace);
        List<String> command = DemoProcess.cli("explore", "bank-race", "--ops", "2", "--trace", trace.toString());
        Process main = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<ProcessHandle> children = List.of();
        try (WatchService watch = dir.getFileSystem().newWatchService()) {
            dir.register(watch, StandardWatchEventKinds.ENTRY_MODIFY);
            // wait on the trace growing until a round's children are running: then kill the search
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (children.isEmpty()) {
                WatchKey key = watch.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                assertTrue(key != null, "no child of the search running within 120 s");
                key.pollEvents();
                key.reset();
                children = TraceLog.read(trace).named(TraceEvent.PROCESS_START).stream()
                        .map(e -> ProcessHandle.of(Long.parseLong(e.get("child"))))
                        .flatMap(java.util.Optional::stream).filter(ProcessHandle::isAlive).toList();
            }
        }
        main.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        for (ProcessHandle child : children) child.onExit().get(30, TimeUnit.SECONDS);
        try (var shm = Files.list(Path.of("/dev/shm"))) {
            assertEquals(List.of(), shm.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith("mpdemo-" + main.pid() + "-")).toList());
        }
    }

    @Test
    void aDemoThatIsNotABankDemoIsRefused() throws Exception {
        Result r = explore("explore", "pool-map");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("mpdemo: explore plays the bank demos"), r.err());
    }

}
