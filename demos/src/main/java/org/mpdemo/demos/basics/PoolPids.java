package org.mpdemo.demos.basics;

import java.util.List;
import org.mpdemo.demos.Demo;
import org.mpdemo.multiprocessing.pool.Pool;

/**
 * Each square is computed in a worker that prints its process id.
 *
 * <p>Expect five lines {@code Worker process id for <n>: <pid>} — pids of the workers, never the main
 * process's — then {@code [1, 4, 9, 16, 25]}. That is what the tutorial shows on a terminal. CPython, printing
 * to a pipe, shows the list first and sometimes loses worker lines (its workers' output is buffered and the
 * workers are stopped at exit); here a worker's lines reach the parent before its result does, every time.
 *
 * <p>Run: {@code ./mpdemo run pool-pids}
 */
@Demo(id = "pool-pids", topic = "basics", order = 4,
        summary = "squares computed in workers that print their pids; every line, then the list")
// tag::program[]
public final class PoolPids {

    static int square(int n) {
        System.out.println("Worker process id for " + n + ": " + ProcessHandle.current().pid());
        return n * n;
    }

    public static void main(String[] args) {
        var mylist = List.of(1, 2, 3, 4, 5);
        var p = new Pool();
        var result = p.map(PoolPids::square, mylist);
        System.out.println(result);
    }
}
// end::program[]
