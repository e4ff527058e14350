package org.mpdemo.cli;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.mpdemo.classroom.DemoOptions;
import org.mpdemo.classroom.PythonTwin;
import org.mpdemo.classroom.ScratchFiles;
import org.mpdemo.classroom.SequenceDiagram;
import org.mpdemo.classroom.Terminal;
import org.mpdemo.classroom.Timeline;
import org.mpdemo.demos.DemoCatalog;
import org.mpdemo.demos.DemoInfo;
import org.mpdemo.demos.TraceLog;
import org.mpdemo.multiprocessing.Schedules;
import org.mpdemo.multiprocessing.trace.Trace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mpdemo run ID}: runs one demo's {@code main} in this JVM, after turning the options into the
 * {@code mpdemo.*} system properties the demos and the runtime read (the runtime passes them on to every child
 * JVM).
 *
 * <p>Standard output is the demo's alone. If {@code main} throws, standard error gets a short trace (or, with
 * {@code --verbose}, the Java stack trace) ending with {@code Type: message}, and the exit status is 1.
 */
@Command(name = "run",
        description = {
            "Runs one demo, with real processes.",
            "As the tutorial's program would run: its pool workers are child JVMs and its output "
                    + "is exactly what the program prints.",
            "If the demo raises an error, a short trace showing where it was raised goes to standard error and "
                    + "the exit status is 1."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:the demo finished normally",
            "1:the demo raised an error, or the --timeline or --diagram asked for could not be drawn (see "
                + "standard error); with --python, the twin's own exit status",
            "2:unknown demo or bad option value"},
        footerHeading = "%nExamples:%n",
        footer = {"  mpdemo run condition-sync-reraise --time-scale 0.1",
            "  mpdemo run semaphore-inherited-global --timeline",
            "  mpdemo run pool-map --runs 5",
            "  mpdemo run lock-error-callback --python"})
final class RunCommand implements Callable<Integer>, Mpdemo.RunsDemos {
    static final String SEED = "mpdemo.seed";
    static final String TIME_SCALE = "mpdemo.timeScale";
    static final String WORKERS = "mpdemo.workers";
    static final String TASKS = "mpdemo.tasks";
    static final String OPS = "mpdemo.ops";
    static final String SCHEDULE = Schedules.PROPERTY;
    static final String TRACE = "mpdemo.trace";

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", completionCandidates = Candidates.Demos.class,
            description = "The demo to run; 'mpdemo list' shows every ID.")
    String id;

    @Option(names = "--seed", paramLabel = "N",
            description = "Makes the random values reproducible: with the same seed, each task draws the same "
                    + "values whichever worker runs it.")
    Long seed;

    @Option(names = "--time-scale", paramLabel = "F", converter = Converters.TimeScale.class,
            description = "Multiplies every pause in the demo by F, a number above 0: 0.1 runs ten times faster, "
                    + "2 twice as slow. Default: 1, the tutorial's timing.")
    Double timeScale;

    @Option(names = "--trace", paramLabel = "FILE",
            description = "Appends one JSON event per line to FILE, from the main process and every worker: pool "
                    + "start, lock acquire and release, errors and where they were raised.")
    Path trace;

    @Option(names = "--workers", paramLabel = "N", converter = Converters.Workers.class,
            description = "Pool size (1 to 64: each worker is a JVM), instead of the tutorial's.")
    Integer workers;

    @Option(names = "--tasks", paramLabel = "N", converter = Converters.AtLeastZero.class,
            description = "Number of tasks (0 or more), instead of the tutorial's.")
    Integer tasks;

    @Option(names = "--timeline",
            description = "After the demo, draw its run as a timeline: one lane per task or process, showing when "
                    + "it ran, waited for a lock, held it, waited on a condition or at a barrier, and the most "
                    + "holders any lock had at once. Drawn after the demo's own output; uses a temporary trace "
                    + "unless --trace is given.")
    boolean timeline;

    @Option(names = "--runs", paramLabel = "N", converter = Converters.AtLeastOne.class,
            description = "Runs the demo N times, each in a process of its own, and ends with a table of the "
                    + "outcomes: each distinct one, how often, and — for a race demo — whether it is the expected "
                    + "result or a lost update, with one lost update told step by step from a trace.")
    Integer runs;

    @Option(names = "--reliable",
            description = "Run a race demo in its reliable mode, where the race shows on every run, not only "
                    + "sometimes (for statistics and 'mpdemo verify').")
    boolean reliable;

    @Option(names = "--trace-values",
            description = "With --trace: also record every read and write of a shared Value (value-get, "
                    + "value-set), which tells a lost update step by step; a race demo makes tens of thousands.")
    boolean traceValues;

    @Option(names = "--ops", paramLabel = "N", converter = Converters.AtLeastOne.class,
            description = "A race demo: how many updates each process makes (default: the tutorial's count); "
                    + "--ops 1 is the tutorial's single withdraw and deposit.")
    Integer ops;

    @Option(names = "--schedule", paramLabel = "SPEC", converter = Converters.Schedule.class,
            description = "A race demo: forces the interleaving of every round. SPEC lists process numbers "
                    + "(1 is the first process the round starts), such as 1,2,1,2; each lets that process make "
                    + "its next shared access. When the list runs out, the processes run freely.")
    String schedule;

    @Option(names = "--diagram",
            description = "A race demo: after its output, draw its first round as a sequence diagram - a lifeline "
                    + "for each process and for the shared value, an arrow for each read and write with the value "
                    + "it carried. Uses a temporary trace unless --trace is given.")
    boolean diagram;

    @Option(names = "--svg", paramLabel = "FILE", converter = Converters.OutputFile.class,
            description = "With --diagram: also write the diagram as an SVG picture to FILE.")
    Path svg;

    @Option(names = "--python",
            description = "Runs the demo's Python twin on this machine's CPython instead of the Java program, with "
                    + "the same settings.")
    boolean python;

    @Option(names = "--python-exe", paramLabel = "PATH",
            description = "The interpreter --python uses (default: python3); Python 3.8 or later.")
    String pythonExe;

    /** CPython's start methods. */
    enum StartMethod { fork, spawn, forkserver }

    @Option(names = "--start-method", paramLabel = "METHOD",
            description = "With --python: the start method the twin uses, one of ${COMPLETION-CANDIDATES} (default: "
                    + "the demo's, else the interpreter's).")
    StartMethod startMethod;

    @Option(names = "--verbose",
            description = "Also say which settings the demo runs with, and show a demo's error with the full Java "
                    + "stack trace instead of the short trace.")
    boolean verbose;

    /** A trace file the runs could not write; its message is the whole error line. */
    static final class BadValue extends Exception {
        private static final long serialVersionUID = 1L;

        BadValue(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Optional<DemoInfo> demo = DemoCatalog.find(id);
        if (demo.isEmpty()) return usageError(err, unknownDemo(id));
        if (svg != null && !diagram) return usageError(err, "--svg goes with --diagram");
        if (traceValues && trace == null && !timeline && runs == null) {
            return usageError(err, "--trace-values goes with --trace FILE (or --timeline): it adds to a trace");
        }
        // a setting the demo's program never reads would change nothing: refuse it rather than seem to use it
        List<String> takes = DemoOptions.takenBy(demo.get());
        for (String given : new String[] {workers != null ? "--workers" : null, tasks != null ? "--tasks" : null,
            reliable ? "--reliable" : null}) {
            if (given != null && !takes.contains(given)) {
                return usageError(err, given + " does not apply to " + id + ", whose program does not read it ("
                        + (takes.isEmpty() ? "it takes none of the demo settings" : "it takes "
                                + String.join(", ", takes)) + ")");
            }
        }
        if (python) return runTwin(demo.get(), err);
        if (pythonExe != null || startMethod != null) {
            return usageError(err, (pythonExe != null ? "--python-exe" : "--start-method") + " goes with --python");
        }
        if ((ops != null || schedule != null || diagram) && demo.get().outcomes() == null) {
            return usageError(err, (ops != null ? "--ops" : schedule != null ? "--schedule" : "--diagram")
                    + " applies to the race demos only ("
                    + String.join(", ", DemoCatalog.all().stream().filter(d -> d.outcomes() != null)
                            .map(DemoInfo::id).toList()) + ")");
        }
        Map<String, String> properties;
        try {
            properties = systemProperties();
        } catch (BadValue e) {
            return usageError(err, e.getMessage());
        }
        if (runs != null) {
            if (trace != null) {
                return usageError(err, "--trace records one run; with --runs, add --timeline to see the run "
                        + "that went wrong");
            }
            return new Repeats(this, demo.get()).call();
        }
        Path temporaryTrace = null;
        if (diagram) properties.put("mpdemo.traceValues", "true");
        if ((timeline || diagram) && trace == null) {
            try {
                temporaryTrace = ScratchFiles.file("timeline", ".jsonl");
            } catch (java.io.IOException e) {
                return usageError(err, "--timeline: cannot create a temporary trace file: " + e.getMessage());
            }
            properties.put(TRACE, temporaryTrace.toString());
        }
        properties.forEach(System::setProperty);
        if (verbose) {
            err.println("mpdemo: running " + id + " (" + demo.get().mainClass().getName() + ")"
                    + (properties.isEmpty() ? "" : " with " + describe(properties)));
            err.flush();
        }
        try {
            int status = run(demo.get(), err);
            // a trace that misses events (the runtime said so once) is a failure too, not a silent loss
            if (Trace.lost()) status = Math.max(status, 1);
            // a drawing that was asked for and could not be made fails the command, as an error of the demo would
            if (timeline && !drawTimeline(Path.of(properties.get(TRACE)), err)) status = Math.max(status, 1);
            if (diagram && !drawDiagram(Path.of(properties.get(TRACE)), err)) status = Math.max(status, 1);
            return status;
        } finally {
            if (temporaryTrace != null) ScratchFiles.delete(temporaryTrace);
        }
    }

    /** {@code --python}: the demo's twin on CPython, with the settings that apply to it. */
    private int runTwin(DemoInfo demo, PrintWriter err) {
        String javaOnly = trace != null ? "--trace" : timeline ? "--timeline" : runs != null ? "--runs"
                : schedule != null ? "--schedule" : diagram ? "--diagram" : traceValues ? "--trace-values"
                : reliable ? "--reliable" : null;
        if (javaOnly != null) return usageError(err, javaOnly + " applies to the Java program only, not to --python");
        Optional<PythonTwin> twin = PythonTwin.of(demo);
        if (twin.isEmpty()) return usageError(err, id + " has no Python twin yet");
        String exe = pythonExe != null ? pythonExe : "python3";
        Optional<String> unusable = PythonTwin.unusable(exe);
        if (unusable.isPresent()) return usageError(err, unusable.get());
        Map<String, String> settings = new java.util.TreeMap<>();
        if (seed != null) settings.put("MPDEMO_SEED", Long.toString(seed));
        if (timeScale != null) settings.put("MPDEMO_TIME_SCALE", Double.toString(timeScale));
        if (workers != null) settings.put("MPDEMO_WORKERS", Integer.toString(workers));
        if (tasks != null) settings.put("MPDEMO_TASKS", Integer.toString(tasks));
        if (ops != null) settings.put("MPDEMO_OPS", Integer.toString(ops));
        if (startMethod != null) settings.put("MPDEMO_START_METHOD", startMethod.name());
        spec.commandLine().getOut().flush();
        try {
            return twin.get().run(exe, settings);
        } catch (java.io.IOException e) {
            err.println("mpdemo: cannot run " + twin.get().fileName() + " on " + exe + ": " + Mpdemo.reason(e));
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /**
     * The timeline of the run just made, on standard output after everything the demo printed, under a heading
     * that sets it apart.
     */
    private boolean drawTimeline(Path traceFile, PrintWriter err) {
        System.out.flush();
        PrintWriter out = spec.commandLine().getOut();
        try {
            Timeline picture = Timeline.of(TraceLog.read(traceFile));
            out.println();
            out.println("Timeline of this run (from its trace):");
            out.print(picture.render(Terminal.width(), Terminal.colour()));
            out.flush();
            return true;
        } catch (java.io.IOException e) {
            err.println("mpdemo: --timeline: cannot read the trace " + traceFile + ": " + Mpdemo.reason(e));
            err.flush();
            return false;
        }
    }

    /** The run's first round as a sequence diagram, after everything the demo printed; and as SVG with --svg. */
    private boolean drawDiagram(Path traceFile, PrintWriter err) {
        System.out.flush();
        PrintWriter out = spec.commandLine().getOut();
        SequenceDiagram picture;
        try {
            picture = SequenceDiagram.of(TraceLog.read(traceFile));
        } catch (java.io.IOException e) {
            err.println("mpdemo: --diagram: cannot read the trace " + traceFile + ": " + Mpdemo.reason(e));
            err.flush();
            return false;
        }
        out.println();
        out.println("The first round as a sequence diagram (from its trace):");
        for (String line : picture.render()) out.println(line);
        out.flush();
        if (svg == null) return true;
        try {
            Files.writeString(svg, picture.svg(), java.nio.charset.StandardCharsets.UTF_8);
            return true;
        } catch (java.io.IOException e) {
            err.println("mpdemo: --svg: cannot write " + svg + ": " + Mpdemo.reason(e));
            err.flush();
            return false;
        }
    }

    /** The options a repeated run passes on to each of its runs. */
    List<String> forwardedOptions() {
        List<String> options = new java.util.ArrayList<>();
        if (seed != null) options.addAll(List.of("--seed", Long.toString(seed)));
        if (timeScale != null) options.addAll(List.of("--time-scale", Double.toString(timeScale)));
        if (workers != null) options.addAll(List.of("--workers", Integer.toString(workers)));
        if (tasks != null) options.addAll(List.of("--tasks", Integer.toString(tasks)));
        if (ops != null) options.addAll(List.of("--ops", Integer.toString(ops)));
        if (schedule != null) options.addAll(List.of("--schedule", schedule));
        if (reliable) options.add("--reliable");
        return options;
    }

    /** {@code unknown demo 'X'; did you mean: a, b?} — or where to find the ids when none is close. */
    static String unknownDemo(String typed) {
        List<String> ids = DemoCatalog.all().stream().map(DemoInfo::id).toList();
        List<String> close = Suggestions.closest(typed, ids, 3);
        return "unknown demo '" + typed + "'; "
                + (close.isEmpty() ? "'mpdemo list' shows them all" : "did you mean: " + String.join(", ", close) + "?");
    }

    /**
     * The system properties the options stand for, only those given; the trace file as an absolute path, so that
     * every process writes the same file.
     */
    Map<String, String> systemProperties() throws BadValue {
        Map<String, String> properties = new LinkedHashMap<>();
        if (seed != null) properties.put(SEED, Long.toString(seed));
        if (reliable) properties.put("mpdemo.reliable", "true");
        if (traceValues) properties.put("mpdemo.traceValues", "true");
        if (timeScale != null) properties.put(TIME_SCALE, Double.toString(timeScale));
        if (workers != null) properties.put(WORKERS, Integer.toString(workers));
        if (tasks != null) properties.put(TASKS, Integer.toString(tasks));
        if (ops != null) properties.put(OPS, Integer.toString(ops));
        if (schedule != null) properties.put(SCHEDULE, schedule);
        if (trace != null) properties.put(TRACE, traceFile(trace).toString());
        return properties;
    }

    private static Path traceFile(Path given) throws BadValue {
        Path file = given.toAbsolutePath().normalize();
        Path directory = file.getParent();
        if (Files.isDirectory(file)) throw new BadValue("--trace: " + file + " is a directory, not a file");
        if (directory == null || !Files.isDirectory(directory)) {
            throw new BadValue("--trace: directory " + directory + " does not exist");
        }
        if (Files.exists(file) ? !Files.isWritable(file) : !Files.isWritable(directory)) {
            throw new BadValue("--trace: cannot write " + file);
        }
        return file;
    }

    private int run(DemoInfo demo, PrintWriter err) {
        return runMain(demo, err, verbose);
    }

    /** Calls the demo's main in this JVM; its error, if any, on {@code err} (with the Java stack trace when verbose). */
    static int runMain(DemoInfo demo, PrintWriter err, boolean verbose) {
        Method main;
        try {
            main = demo.mainClass().getMethod("main", String[].class);
        } catch (NoSuchMethodException e) {
            main = null;
        }
        if (main == null || !Modifier.isStatic(main.getModifiers())) {
            err.println("mpdemo: " + demo.mainClass().getName() + " has no public static void main(String[])");
            err.flush();
            return Mpdemo.DEMO_FAILED;
        }
        try {
            main.invoke(null, (Object) new String[0]);
            return Mpdemo.OK;
        } catch (InvocationTargetException e) {
            report(e.getCause(), err, verbose);
            return Mpdemo.DEMO_FAILED;
        } catch (IllegalAccessException e) {
            err.println("mpdemo: cannot call " + demo.mainClass().getName() + ".main: " + e.getMessage());
            err.flush();
            return Mpdemo.DEMO_FAILED;
        }
    }

    /** The demo's error on standard error, after whatever the demo printed to standard output. */
    private static void report(Throwable error, PrintWriter err, boolean verbose) {
        System.out.flush();
        if (verbose) {
            error.printStackTrace(err);
            err.println(ShortTrace.lastLine(error));
        } else {
            for (String line : ShortTrace.format(error)) err.println(line);
        }
        err.flush();
    }

    private static String describe(Map<String, String> properties) {
        StringBuilder text = new StringBuilder();
        properties.forEach((key, value) -> text.append(text.length() == 0 ? "" : ", ").append(key).append('=')
                .append(value));
        return text.toString();
    }

    private static int usageError(PrintWriter err, String message) {
        err.println("mpdemo: " + message);
        err.flush();
        return Mpdemo.USAGE;
    }
}
