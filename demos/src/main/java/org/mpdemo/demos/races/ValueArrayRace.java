package org.mpdemo.demos.races;

import static org.mpdemo.demos.Tutorial.ops;
import static org.mpdemo.demos.Tutorial.reliable;
import static org.mpdemo.demos.Tutorial.sleep;

import org.mpdemo.demos.Demo;
import org.mpdemo.demos.RaceOutcomes;
import org.mpdemo.multiprocessing.Process;
import org.mpdemo.multiprocessing.shared.Array;
import org.mpdemo.multiprocessing.shared.Barrier;
import org.mpdemo.multiprocessing.shared.Value;

/**
 * Shared memory without a lock: two processes add 1 a hundred times to one Value, two others add 1 to each
 * element of an Array.
 *
 * <p>Expect {@code Value at end: 200} and {@code Array at end: [200.0, 300.0, 400.0]} — most of the time. Each
 * {@code +1} is a read then a write, so an update can be lost, but with a 10 ms pause between increments the two
 * processes collide only now and then: a run loses a few updates or none, as CPython's does, and the tutorial's
 * sample output, {@code 144}, is far rarer than it suggests. With {@code --reliable} each process adds 10 000 times
 * without pausing, the right answers become 20000 and {@code [20000.0, 20100.0, 20200.0]}, and the processes
 * collide all the time.
 *
 * <p>Run: {@code ./mpdemo run value-array-race} (or {@code --reliable})
 */
@Demo(id = "value-array-race", topic = "races", order = 4,
        summary = "a shared Value and Array incremented without a lock (--reliable: the race every time)")
@RaceOutcomes(line = "(Value|Array) at end: .*",
        expected = {"Value at end: 200", "Array at end: [200.0, 300.0, 400.0]"},
        reliableExpected = {"Value at end: 20000", "Array at end: [20000.0, 20100.0, 20200.0]"})
// tag::program[]
public final class ValueArrayRace {

    /** The tutorial's 100 with a pause before each; in reliable mode, 10 000 without pauses. */
    static int increments() {
        return ops(reliable() ? 10_000 : 100);
    }

    static void add100(Value number, Barrier start) {
        start.await();
        for (int i = 0; i < increments(); i++) {
            if (!reliable()) sleep(0.01);
            number.setInt(number.getInt() + 1);
        }
    }

    static void add100Array(Array numbers, Barrier start) {
        start.await();
        for (int i = 0; i < increments(); i++) {
            if (!reliable()) sleep(0.01);
            for (int j = 0; j < numbers.length(); j++) {
                numbers.setDouble(j, numbers.getDouble(j) + 1);
            }
        }
    }

    public static void main(String[] args) {
        var sharedNumber = new Value('i', 0);
        System.out.println("Value at beginning: " + sharedNumber.getInt());
        var sharedArray = new Array('d', new double[] {0.0, 100.0, 200.0});
        System.out.println("Array at beginning: " + sharedArray);
        // all four start their loops together, as forked processes nearly would
        var start = new Barrier(4);
        var process1 = new Process(ValueArrayRace::add100, sharedNumber, start);
        var process2 = new Process(ValueArrayRace::add100, sharedNumber, start);
        var process3 = new Process(ValueArrayRace::add100Array, sharedArray, start);
        var process4 = new Process(ValueArrayRace::add100Array, sharedArray, start);
        for (var p : new Process[] {process1, process2, process3, process4}) p.start();
        for (var p : new Process[] {process1, process2, process3, process4}) p.join();
        System.out.println("Value at end: " + sharedNumber.getInt());
        System.out.println("Array at end: " + sharedArray);
        System.out.println("end main");
    }
}
// end::program[]
