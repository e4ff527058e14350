package org.mpdemo.multiprocessing.internal.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mpdemo.multiprocessing.Process;
import org.mpdemo.multiprocessing.errors.ProcessError;
import org.mpdemo.multiprocessing.internal.reduction.Reduction;
import org.mpdemo.multiprocessing.internal.schedule.Scheduler;
import org.mpdemo.multiprocessing.internal.shm.Linux;
import org.mpdemo.multiprocessing.internal.wire.AuthKey;
import org.mpdemo.multiprocessing.internal.wire.Connection;

/**
 * Starts child JVMs: the parent's own {@code java}, the parent's class path, {@code mpdemo.*} system properties
 * passed on (time scale, seed, trace file …), and flags that make a small JVM start fast.
 *
 * <p>A JVM cannot fork, so every child is a fresh JVM (CPython's {@code spawn} start method). Its standard input
 * and output carry the {@link Connection}; its standard error is the parent's own, so a crashing JVM's last
 * words reach the terminal.
 *
 * <p>Children start with the runtime's class-data archive once one has been made ({@link ClassDataArchive}).
 *
 * <p>This is the one place a JVM's command line is built: children here, and the archive's trainer and check
 * through {@link #helperCommand}. A child's owner holds it through a {@link ChildHandle}.
 */
public final class Spawner {
    /** JVM flags for children, chosen for start-up time: bench/RESULTS.md has what each one gave. */
    public static final List<String> CHILD_FLAGS = List.of(
            "-XX:-UsePerfData",          // no hsperfdata file to create and remove
            "-XX:+DisplayVMOutputToStderr", // stdout is the protocol: keep VM warnings off it ...
            "-Xlog:disable",             // ... and unified-logging warnings too, which go to stdout by default
            "-Xlog:all=warning:stderr",  //     (a CDS or GC warning there would break the channel): stderr instead
            "-Xshare:auto",              // the JDK's class-data archive: much of a child's start is class loading
            // Compile later: a child's start-up code runs once, and compiling it is CPU that its siblings need;
            // hot task loops still reach C2.
            "-XX:CompileThresholdScaling=10");

    /**
     * Added for {@link Process} children: compile with C1 only. A Process usually runs one function once, often a
     * short loop over shared memory, and C1 alone reaches compiled code sooner and compiles cheaper than the full
     * tiered pipeline, on CPUs the child shares with its siblings. Long computations run slower: pass
     * {@code -Dmpdemo.child.jvmArgs=-XX:TieredStopAtLevel=4} to get C2 back. Pool workers keep C2: they live long
     * and run the same task code many times.
     */
    public static final List<String> PROCESS_FLAGS = List.of("-XX:TieredStopAtLevel=1");

    /**
     * Added for a manager's server: C1 only as well. A manager's start is on its user's critical path, and a JVM
     * without C2 is ready sooner (no C2 compiler thread to set up beside the server's own start-up threads); what
     * it serves is mostly system calls, which C2 would not speed up.
     */
    public static final List<String> MANAGER_FLAGS = List.of("-XX:TieredStopAtLevel=1");

    /**
     * Compiled ten times sooner than the rest: the runtime's shared-memory paths (locks, values, arrays, the
     * queue). With compilation made lazy for start-up's sake ({@code CompileThresholdScaling=10} above), a child
     * taking a lock in a loop would otherwise run those paths interpreted for its first tens of thousands of
     * iterations. They run once or not at all during start-up, so start-up does not pay for it. ({@code quiet}: HotSpot
     * would print each command, and a child's stdout is the channel.) For {@link Process} children and a pool's
     * first worker; the other workers' {@link #TASK_PATHS} cover the whole runtime.
     */
    public static final List<String> HOT_PATHS = compileEarly("shared/SemLock", "shared/SemState",
            "internal/shm/AtomicMemory", "shared/Value", "shared/Array", "shared/CType", "shared/Condition",
            "shared/Queue");

    public static final String EARLY = "0.1";
    /**
     * For a Process's own function: it is called once, so only its loops are ever compiled (on-stack
     * replacement), and a hundred times sooner than the lazy default would.
     */
    public static final String EARLIER = "0.01";

    /** Before any other compile command: HotSpot would print each one on the child's stdout, its channel. */
    public static final String QUIET_COMMANDS = "-XX:CompileCommand=quiet";

    /** The runtime's classes in HotSpot's pattern syntax; a pattern that ends in {@code *} matches as a prefix. */
    private static final String RUNTIME_CLASSES = "org/mpdemo/multiprocessing/";

    /**
     * The collector of a child unless its role or {@code mpdemo.child.jvmArgs} chooses one: the one that starts
     * fastest. Serial starts no GC threads, but on JDK 17 only G1 maps the JDK's archived heap objects, the
     * module graph among them, which the JVM otherwise builds at start. From JDK 18 on Serial maps them too
     * (JDK-8273508) and is the faster again.
     */
    public static final String START_GC = Runtime.version().feature() < 18 ? "-XX:+UseG1GC" : "-XX:+UseSerialGC";

    /**
     * Added for pool workers but the first: what a task runs once per call to a manager or once per task — the
     * runtime's own code, a socket's read and write, the buffers, locks and thread-locals they use, the result's
     * way back — compiled a hundred times sooner than the lazy default ({@code CompileThresholdScaling=10}):
     * a worker runs a task only a few thousand times in a typical run, so that path would stay interpreted. The
     * first worker is on the way to the pool's first result, and HotSpot matching its methods against these
     * patterns costs start-up time: it keeps {@link #HOT_PATHS}.
     */
    public static final List<String> TASK_PATHS = List.of(
            QUIET_COMMANDS,
            earlyCompile(RUNTIME_CLASSES + "*.*", EARLIER),
            earlyCompile("sun/nio/ch/*.*", EARLIER),
            earlyCompile("java/nio/channels/spi/*.*", EARLIER),
            earlyCompile("java/util/concurrent/locks/*.*", EARLIER),
            earlyCompile("java/lang/ThreadLocal*.*", EARLIER),
            earlyCompile("java/lang/Thread.blockedOn", EARLIER),
            earlyCompile("java/lang/System$2.blockedOn", EARLIER),
            earlyCompile("java/io/PrintStream.*", EARLIER),
            earlyCompile("java/io/BufferedOutputStream.*", EARLIER),
            earlyCompile("java/io/FileOutputStream.*", EARLIER),
            earlyCompile("java/util/ArrayList*.*", EARLIER),
            earlyCompile("java/nio/*.*", EARLY));

    /**
     * Added for pool workers but the first: Serial, whatever the JDK. They run many tasks, and G1's barriers cost
     * small tasks more than G1 saves at start.
     */
    public static final List<String> WORKER_FLAGS = List.of("-XX:+UseSerialGC");

    private static final String NICE = "/usr/bin/nice";
    private static final String SELECTOR_PROVIDER = "java.nio.channels.spi.SelectorProvider";

    /**
     * Names, for every child, the socket provider the JDK picks when nobody configured another: without the name,
     * a JVM's first socket searches the modules and every jar on the class path for a provider service, on a
     * manager server's way to ready (and on a worker's first proxy call). Given only when this program names
     * none, and when the platform's provider is public with a public constructor, as the property requires
     * (Linux's epoll, macOS's kqueue, JDK 17 to 25). The jars are not searched here either — that would cost a
     * program's first child as much — so a provider a jar declares is not seen by children: name it with
     * {@code -Dmpdemo.child.jvmArgs=-Djava.nio.channels.spi.SelectorProvider=...}, which comes later and wins.
     */
    public static final List<String> SOCKET_PROVIDER = socketProvider();

    /** Extra child flags, after all others: {@code -Dmpdemo.child.jvmArgs="-Xlog:... -Xss1m"}. */
    public static final String JVM_ARGS = "mpdemo.child.jvmArgs";

    private Spawner() {
    }

    /** Classes named by their path below the runtime's root package: named, not linked (this package is below them). */
    private static List<String> compileEarly(String... classes) {
        List<String> flags = new ArrayList<>();
        flags.add(QUIET_COMMANDS);
        for (String c : classes) flags.add(earlyCompile(RUNTIME_CLASSES + c + ".*"));
        return List.copyOf(flags);
    }

    /** The flag that compiles {@code pattern} (HotSpot's {@code Class.method} syntax) early. */
    public static String earlyCompile(String pattern) {
        return earlyCompile(pattern, EARLY);
    }

    /** The flag that scales {@code pattern}'s compile thresholds by {@code scale}. */
    public static String earlyCompile(String pattern, String scale) {
        return "-XX:CompileCommand=CompileThresholdScaling," + pattern + "," + scale;
    }

    /** The flags of a pool worker but the first: {@link #WORKER_FLAGS} and {@link #TASK_PATHS}. */
    public static List<String> workerFlags() {
        List<String> flags = new ArrayList<>(WORKER_FLAGS);
        flags.addAll(TASK_PATHS);
        return flags;
    }

    private static List<String> socketProvider() {
        String os = System.getProperty("os.name", "");
        String name = os.startsWith("Linux") ? "sun.nio.ch.EPollSelectorProvider"
                : os.startsWith("Mac") ? "sun.nio.ch.KQueueSelectorProvider" : null;
        if (name == null || System.getProperty(SELECTOR_PROVIDER) != null) return List.of();
        try {
            Class<?> provider = Class.forName(name, false, null);
            if (!java.nio.channels.spi.SelectorProvider.class.isAssignableFrom(provider)
                    || !java.lang.reflect.Modifier.isPublic(provider.getModifiers())) {
                return List.of();
            }
            provider.getConstructor();
            return List.of("-D" + SELECTOR_PROVIDER + "=" + name);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return List.of();
        }
    }

    /** {@code roleFlags} come after the common flags and before {@code mpdemo.child.jvmArgs}, which wins. */
    public static java.lang.Process start(List<String> roleFlags, String mainClass, String... args) {
        Linux.require();
        List<String> command = childCommand(roleFlags, mainClass, args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        AuthKey.exportTo(builder.environment()); // the child inherits the authkey, never on its command line
        try {
            return builder.start();
        } catch (IOException e) {
            throw new ProcessError("cannot start a child JVM (" + command.get(0) + "): " + e.getMessage(), e);
        }
    }

    /** A child's command line: {@link #start(List, String, String...)} starts it. */
    private static List<String> childCommand(List<String> roleFlags, String mainClass, String... args) {
        List<String> extra = extraFlags();
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(CHILD_FLAGS);
        boolean gcChosen = choosesGc(extra); // the JVM refuses to start with two collectors
        if (!gcChosen && !choosesGc(roleFlags)) command.add(START_GC);
        command.addAll(SOCKET_PROVIDER);
        for (String flag : roleFlags) if (!(gcChosen && isGcChoice(flag))) command.add(flag);
        command.addAll(extra);
        // neither compile flags (the role's) nor the collector matter to a dynamic archive (one made
        // with Serial loads with G1 and -Xshare:on): Process children share the workers'
        command.addAll(ClassDataArchive.flagsFor(archiveFlags(extra)));
        // the program's classes travel to the child and back: its main class's, and those of the code starting it
        Class<?> caller = Fork.caller();
        if (caller != null) Reduction.allowProgram(caller.getName());
        command.add("-D" + Reduction.ALLOW_PROPERTY + "=" + Reduction.programPackages());
        for (Map.Entry<Object, Object> e : System.getProperties().entrySet()) {
            String key = String.valueOf(e.getKey());
            // a schedule is played by the main process: a child needs only the board's name (and a schedule
            // can be longer than one command-line argument may be)
            if (key.startsWith("mpdemo.") && !key.equals(JVM_ARGS) && !key.equals(Scheduler.PROPERTY)
                    && !key.equals(Scheduler.EXPLORE_PROPERTY) && !key.equals(Reduction.ALLOW_PROPERTY)) {
                command.add("-D" + key + "=" + e.getValue());
            }
        }
        return classPathAndMain(command, mainClass, args);
    }

    /**
     * The command line of a helper JVM that is no child of the program's (the class-data archive's trainer and
     * its check): this JVM's java and class path, {@code flags} and nothing else; at the lowest priority when
     * {@code background}, so that it takes only what the program leaves of the CPUs.
     */
    public static List<String> helperCommand(boolean background, List<String> flags, String mainClass,
                                             String... args) {
        List<String> command = new ArrayList<>();
        if (background && Files.isExecutable(Path.of(NICE))) command.addAll(List.of(NICE, "-n", "19"));
        command.add(javaExecutable());
        command.addAll(flags);
        return classPathAndMain(command, mainClass, args);
    }

    private static List<String> classPathAndMain(List<String> command, String mainClass, String... args) {
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }

    /** The flags of {@code -Dmpdemo.child.jvmArgs}. */
    public static List<String> extraFlags() {
        String extra = System.getProperty(JVM_ARGS);
        return extra == null || extra.isBlank() ? List.of() : List.of(extra.trim().split("\\s+"));
    }

    /** The flags a class-data archive is made for and keyed by: {@link #CHILD_FLAGS}, then {@code extra}. */
    public static List<String> archiveFlags(List<String> extra) {
        if (extra.isEmpty()) return CHILD_FLAGS;
        List<String> flags = new ArrayList<>(CHILD_FLAGS);
        flags.addAll(extra);
        return flags;
    }

    public static boolean choosesGc(List<String> flags) {
        for (String flag : flags) if (isGcChoice(flag)) return true;
        return false;
    }

    private static boolean isGcChoice(String flag) {
        return flag.startsWith("-XX:+Use") && flag.endsWith("GC");
    }

    private static String javaExecutable() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return Files.isExecutable(java) ? java.toString()
                : ProcessHandle.current().info().command().orElse("java");
    }

    /** "exit status 1", "killed by signal 9 (SIGKILL)". */
    public static String describeExit(int status) {
        if (status > 128 && status < 128 + 65) {
            int signal = status - 128;
            String name = switch (signal) {
                case 1 -> "SIGHUP";
                case 2 -> "SIGINT";
                case 6 -> "SIGABRT";
                case 9 -> "SIGKILL";
                case 11 -> "SIGSEGV";
                case 15 -> "SIGTERM";
                default -> "signal " + signal;
            };
            return "killed by signal " + signal + " (" + name + "), exit status " + status;
        }
        return "exit status " + status;
    }
}
