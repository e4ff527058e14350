package org.mpdemo.demos.basics;

import java.util.ArrayList;
import java.util.List;
import org.mpdemo.demos.Demo;
import org.mpdemo.multiprocessing.Multiprocessing;
import org.mpdemo.multiprocessing.Process;

/**
 * Start one process per CPU, each squaring numbers, and wait for them all.
 *
 * <p>Expect no output and exit status 0: the processes compute and keep their results to themselves. What
 * this shows is the shape of every multi-process program — create, {@code start()}, {@code join()}.
 *
 * <p>Run: {@code ./mpdemo run processes}
 */
@Demo(id = "processes", topic = "basics", order = 1,
        summary = "start and join one process per CPU")
// tag::program[]
public final class Processes {

    static void squareNumbers() {
        long result = 0;
        for (int i = 0; i < 1000; i++) {
            result = (long) i * i;
        }
        assert result >= 0;
    }

    public static void main(String[] args) {
        List<Process> processes = new ArrayList<>();
        // one process per CPU: usually a good choice for CPU-bound work
        int numProcesses = Integer.getInteger("mpdemo.workers", Multiprocessing.cpuCount());
        for (int i = 0; i < numProcesses; i++) {
            processes.add(new Process(Processes::squareNumbers));
        }
        for (Process process : processes) {
            process.start();
        }
        // block the main program until every process has finished
        for (Process process : processes) {
            process.join();
        }
    }
}
// end::program[]
