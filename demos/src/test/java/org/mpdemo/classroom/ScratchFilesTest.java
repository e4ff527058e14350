package org.mpdemo.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** A temporary trace or work folder is gone after its program ends, however it ends. */
class ScratchFilesTest {
    static final Pattern TRACE = Pattern.compile("mpdemo\\.trace=([^,]+)");

    @TempDir
    Path tmp;

    @Test
    void theSweepRemovesWhatAGoneProgramLeftAndNothingElse() throws Exception {
        long gone = finishedPid();
        Process live = new ProcessBuilder("cat").start(); // waits on its input until we close it
        try {
            long alive = live.pid();
            Files.createFile(tmp.resolve(ScratchFiles.PREFIX + gone + "-trace-1.jsonl"));
            Path site = Files.createDirectories(tmp.resolve(ScratchFiles.PREFIX + gone + "-site-2").resolve("man"));
            Files.writeString(site.resolve("mpdemo.adoc"), "= mpdemo\n");
            Files.createFile(tmp.resolve(ScratchFiles.PREFIX + alive + "-trace-3.jsonl"));
            Files.createFile(tmp.resolve("mpdemo-manager-" + gone + "-4")); // the runtime's, not ours
            Files.createFile(tmp.resolve(ScratchFiles.PREFIX + "x-trace-5.jsonl")); // not our form

            assertEquals(2, ScratchFiles.sweep(tmp));
            assertEquals(List.of("mpdemo-manager-" + gone + "-4", ScratchFiles.PREFIX + alive + "-trace-3.jsonl",
                    ScratchFiles.PREFIX + "x-trace-5.jsonl"), names(tmp));
        } finally {
            live.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theOwnerIsThePidInTheName() {
        assertEquals(Optional.of(4242L), ScratchFiles.owner(ScratchFiles.PREFIX + "4242-site-17"));
        assertEquals(Optional.empty(), ScratchFiles.owner(ScratchFiles.PREFIX + "-site-17"));
        assertEquals(Optional.empty(), ScratchFiles.owner("mpdemo-trace12.jsonl"));
    }

    @Test
    void sigtermOfARunWithATimelineDeletesItsTrace() throws Exception {
        Run run = Run.start(tmp);
        run.process.destroy(); // SIGTERM: the shutdown hook runs
        run.awaitEnd();
        assertFalse(Files.exists(run.trace), run.trace + " is left");
        assertEquals(List.of(), names(tmp));
    }

    @Test
    void kill9OfARunLeavesItsTraceOnlyUntilTheNextProgramSweeps() throws Exception {
        Run run = Run.start(tmp);
        run.process.destroyForcibly(); // SIGKILL: nothing runs in the process
        run.awaitEnd();
        assertTrue(Files.exists(run.trace), "kill -9 ran no hook, so the trace is still there");
        assertEquals(1, ScratchFiles.sweep(tmp));
        assertEquals(List.of(), names(tmp));
    }

    /**
     * Ctrl-C as a terminal sends it, SIGINT to the whole process group, in the middle of {@code verify} and of
     * {@code run --runs}: the command and the demo JVMs it started all end, and nothing is left in the temporary
     * folder.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"verify", "run --runs"})
    void ctrlCDuringVerifyOrRepeatedRunsLeavesNothing(String which) throws Exception {
        List<String> args = which.equals("verify") ? List.of("verify", "--time-scale", "1")
                : List.of("run", "lock-manager-fix", "--runs", "3", "--time-scale", "1");
        List<String> command = new java.util.ArrayList<>(DemoProcess.cli(args.toArray(String[]::new)));
        command.add(1, "-Djava.io.tmpdir=" + tmp);
        command.add(0, "setsid"); // its own process group, which the SIGINT below goes to, as Ctrl-C would
        Process process;
        try (WatchService watch = tmp.getFileSystem().newWatchService()) {
            tmp.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            process.getOutputStream().close();
            // a run's trace appears in the folder: a demo is running
            WatchKey key = watch.poll(120, TimeUnit.SECONDS);
            assertTrue(key != null, which + " made no trace within 120 s");
        }
        // the trace exists before its demo's JVM starts: wait until that JVM is up, then interrupt
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (withTmpInArguments().isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "no demo JVM started within 120 s");
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50)); // polling interval
        }
        Process kill = new ProcessBuilder("kill", "-INT", "--", "-" + process.pid()).start();
        assertTrue(kill.waitFor(30, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -INT failed");
        process.onExit().get(60, TimeUnit.SECONDS);
        for (ProcessHandle child : withTmpInArguments()) child.onExit().get(60, TimeUnit.SECONDS);
        assertEquals(List.of(), names(tmp), which + " left files behind");
    }

    /** The processes whose command line names the test's temporary folder: the demo JVMs of the command. */
    private List<ProcessHandle> withTmpInArguments() {
        return ProcessHandle.allProcesses().filter(p -> p.info().arguments()
                .map(a -> String.join(" ", a).contains(tmp.toString())).orElse(false)).toList();
    }

    /** {@code mpdemo run lock-manager-fix --timeline}, slowed so that it is still running when it is stopped. */
    record Run(Process process, Path trace) {
        static Run start(Path tmp) throws IOException {
            List<String> command = DemoProcess.cli("run", "lock-manager-fix", "--timeline", "--verbose",
                    "--time-scale", "100");
            command.add(1, "-Djava.io.tmpdir=" + tmp);
            Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            process.getOutputStream().close();
            // --verbose names the trace before the demo starts; by then the file exists
            BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8));
            String line = err.readLine();
            Matcher m = TRACE.matcher(line == null ? "" : line);
            assertTrue(m.find(), "no trace named in: " + line);
            Path trace = Path.of(m.group(1).strip());
            assertTrue(Files.exists(trace), trace + " was not made");
            assertEquals(tmp, trace.getParent());
            return new Run(process, trace);
        }

        /**
         * Waits for the run and for every child JVM it started, which carry {@code -Dmpdemo.trace=…} and may
         * outlive it by a moment: a child's first event would open the trace again.
         */
        void awaitEnd() throws Exception {
            process.onExit().get(60, TimeUnit.SECONDS);
            String property = "-Dmpdemo.trace=" + trace;
            List<ProcessHandle> children = ProcessHandle.allProcesses()
                    .filter(p -> p.info().arguments().map(a -> List.of(a).contains(property)).orElse(false))
                    .toList();
            for (ProcessHandle child : children) child.onExit().get(60, TimeUnit.SECONDS);
        }
    }

    private static long finishedPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return p.pid();
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
