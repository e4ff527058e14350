package org.mpdemo.demos.races;

import static org.mpdemo.demos.Tutorial.ops;
import static org.mpdemo.demos.Tutorial.reliable;
import static org.mpdemo.demos.Tutorial.sleep;

import org.mpdemo.demos.Demo;
import org.mpdemo.demos.RaceOutcomes;
import org.mpdemo.multiprocessing.Process;
import org.mpdemo.multiprocessing.shared.Array;
import org.mpdemo.multiprocessing.shared.Barrier;
import org.mpdemo.multiprocessing.shared.Lock;
import org.mpdemo.multiprocessing.shared.Value;

/**
 * The Value and Array program with one Lock held around each read-and-write.
 *
 * <p>Expect {@code Value at end: 200} and {@code Array at end: [200.0, 300.0, 400.0]}, every time, with or
 * without {@code --reliable}: no process can read a number another is about to write.
 *
 * <p>Run: {@code ./mpdemo run value-array-lock}
 */
@Demo(id = "value-array-lock", topic = "races", order = 5,
        summary = "the same with a Lock: always 200 and [200.0, 300.0, 400.0]")
@RaceOutcomes(line = "(Value|Array) at end: .*",
        expected = {"Value at end: 200", "Array at end: [200.0, 300.0, 400.0]"},
        reliableExpected = {"Value at end: 20000", "Array at end: [20000.0, 20100.0, 20200.0]"},
        alwaysRight = true)
// tag::program[]
public final class ValueArrayLock {

    /** The tutorial's 100 with a pause before each; in reliable mode, 10 000 without pauses. */
    static int increments() {
        return ops(reliable() ? 10_000 : 100);
    }

    static void add100(Value number, Lock lock, Barrier start) {
        start.await();
        for (int i = 0; i < increments(); i++) {
            if (!reliable()) sleep(0.01);
            lock.acquire();
            number.setInt(number.getInt() + 1);
            lock.release();
        }
    }

    static void add100Array(Array numbers, Lock lock, Barrier start) {
        start.await();
        for (int i = 0; i < increments(); i++) {
            if (!reliable()) sleep(0.01);
            for (int j = 0; j < numbers.length(); j++) {
                lock.acquire();
                numbers.setDouble(j, numbers.getDouble(j) + 1);
                lock.release();
            }
        }
    }

    public static void main(String[] args) {
        var lock = new Lock();
        var sharedNumber = new Value('i', 0);
        System.out.println("Value at beginning: " + sharedNumber.getInt());
        var sharedArray = new Array('d', new double[] {0.0, 100.0, 200.0});
        System.out.println("Array at beginning: " + sharedArray);
        var start = new Barrier(4);
        var process1 = new Process(ValueArrayLock::add100, sharedNumber, lock, start);
        var process2 = new Process(ValueArrayLock::add100, sharedNumber, lock, start);
        var process3 = new Process(ValueArrayLock::add100Array, sharedArray, lock, start);
        var process4 = new Process(ValueArrayLock::add100Array, sharedArray, lock, start);
        for (var p : new Process[] {process1, process2, process3, process4}) p.start();
        for (var p : new Process[] {process1, process2, process3, process4}) p.join();
        System.out.println("Value at end: " + sharedNumber.getInt());
        System.out.println("Array at end: " + sharedArray);
        System.out.println("end main");
    }
}
// end::program[]
