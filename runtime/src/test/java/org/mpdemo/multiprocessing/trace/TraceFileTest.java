package org.mpdemo.multiprocessing.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpdemo.multiprocessing.JavaProgram;
import org.mpdemo.multiprocessing.Process;

/** The trace file belongs to the program: its process makes it, a child only appends to it. */
class TraceFileTest {
    @TempDir
    Path tmp;

    /**
     * Runs in a JVM of its own with {@code -Dmpdemo.trace=FILE}: traces (which makes FILE), deletes FILE as a
     * program's shutdown hook deletes a temporary trace, then starts a child that traces too.
     */
    public static final class Program {
        public static void main(String[] args) throws Exception {
            Path file = Path.of(Trace.file());
            Trace.event(TraceEvent.PROCESS_START, "name", "main");
            System.out.println("made by the program: " + Files.exists(file));
            Files.delete(file);
            Process child = new Process(Program::traceOnce);
            child.start();
            child.join();
            System.out.println("made again by a child: " + Files.exists(file));
        }

        static void traceOnce() {
            Trace.event(TraceEvent.PROCESS_START, "name", "child");
        }
    }

    @Test
    void aChildThatStartsAfterTheTraceWasDeletedDoesNotMakeItAgain() throws Exception {
        String out = run(Program.class, tmp.resolve("trace.jsonl"));
        assertEquals("made by the program: true\nmade again by a child: false\n", out);
    }

    /** Starts a child that exits with status 3, joins it, and says what the trace held when join returned. */
    public static final class ExitingChild {
        public static void main(String[] args) throws Exception {
            Process child = new Process(ExitingChild::exitWithThree);
            child.start();
            child.join();
            String trace = Files.readString(Path.of(Trace.file()));
            System.out.println(trace.contains("\"event\": \"process-exit\", \"child\": " + child.pid()
                    + ", \"exitcode\": 3}") ? "recorded" : "missing: " + trace);
        }

        static void exitWithThree() {
            Runtime.getRuntime().halt(3);
        }
    }

    /** A timeline ends a process's lane at its exit: the parent records it, before join() returns. */
    @Test
    void aChildsExitIsInTheTraceWhenJoinReturns() throws Exception {
        assertEquals("recorded\n", run(ExitingChild.class, tmp.resolve("exit.jsonl")));
    }

    /** Runs {@code main} with {@code trace} as its trace file; it must end with status 0. */
    private static String run(Class<?> main, Path trace) throws Exception {
        JavaProgram ran = JavaProgram.run(main, "-Dmpdemo.trace=" + trace);
        assertEquals(0, ran.status(), ran.out() + ran.err());
        return ran.out();
    }
}
