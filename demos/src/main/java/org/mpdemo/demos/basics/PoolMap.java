package org.mpdemo.demos.basics;

import static org.mpdemo.demos.Tutorial.range;

import org.mpdemo.demos.Demo;
import org.mpdemo.multiprocessing.pool.Pool;

/**
 * A pool maps a function over a list: the cubes of 0 to 9.
 *
 * <p>Expect exactly {@code [0, 1, 8, 27, 64, 125, 216, 343, 512, 729]}. The numbers are split into chunks,
 * computed in the worker processes, and put back in order.
 *
 * <p>Run: {@code ./mpdemo run pool-map}
 */
@Demo(id = "pool-map", topic = "basics", order = 3,
        summary = "a pool maps a function over a list: cubes of 0 to 9")
// tag::program[]
public final class PoolMap {

    static int cube(int number) {
        return number * number * number;
    }

    public static void main(String[] args) {
        var numbers = range(10).toList();
        // one worker per CPU by default
        var pool = new Pool();
        var result = pool.map(PoolMap::cube, numbers);
        // Python's pool.close(): no more tasks; then wait for the workers to exit
        pool.shutdown();
        pool.join();
        System.out.println(result);
    }
}
// end::program[]
