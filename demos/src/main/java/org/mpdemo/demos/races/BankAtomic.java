package org.mpdemo.demos.races;

import static org.mpdemo.demos.Tutorial.ops;
import static org.mpdemo.demos.Tutorial.rounds;

import org.mpdemo.demos.Demo;
import org.mpdemo.demos.RaceOutcomes;
import org.mpdemo.multiprocessing.Process;
import org.mpdemo.multiprocessing.shared.Barrier;
import org.mpdemo.multiprocessing.shared.Value;

/**
 * The bank program fixed without a lock: each update is one atomic read-modify-write on the shared memory.
 *
 * <p>Expect ten lines {@code Final balance = 100}. {@code getAndAdd} is a single compare-and-swap on the shared
 * word, so there is no moment between the read and the write for the other process to use. CPython's
 * {@code Value} has no such operation; this is the runtime's Java extra, and it is several times faster than
 * taking a lock for each update.
 *
 * <p>Run: {@code ./mpdemo run bank-atomic}
 */
@Demo(id = "bank-atomic", topic = "races", order = 3,
        summary = "the same with one atomic getAndAdd per update, no lock: always 100")
@RaceOutcomes(line = "Final balance = -?\\d+", expected = "Final balance = 100", alwaysRight = true)
// tag::program[]
public final class BankAtomic {

    static void withdraw(Value balance, Barrier start) {
        start.await();
        for (int i = 0, n = ops(10000); i < n; i++) {
            balance.getAndAdd(-1);
        }
    }

    static void deposit(Value balance, Barrier start) {
        start.await();
        for (int i = 0, n = ops(10000); i < n; i++) {
            balance.getAndAdd(1);
        }
    }

    static void performTransactions() {
        var balance = new Value('i', 100);
        var start = new Barrier(2);
        var p1 = new Process(BankAtomic::withdraw, balance, start);
        var p2 = new Process(BankAtomic::deposit, balance, start);
        p1.start();
        p2.start();
        p1.join();
        p2.join();
        System.out.println("Final balance = " + balance.getInt());
    }

    public static void main(String[] args) {
        for (int i = 0; i < rounds(10); i++) {
            performTransactions();
        }
    }
}
// end::program[]
