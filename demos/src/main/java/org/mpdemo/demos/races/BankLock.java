package org.mpdemo.demos.races;

import static org.mpdemo.demos.Tutorial.ops;
import static org.mpdemo.demos.Tutorial.rounds;

import org.mpdemo.demos.Demo;
import org.mpdemo.demos.RaceOutcomes;
import org.mpdemo.multiprocessing.Process;
import org.mpdemo.multiprocessing.shared.Barrier;
import org.mpdemo.multiprocessing.shared.Lock;
import org.mpdemo.multiprocessing.shared.Value;

/**
 * The bank program with a Lock held around each read-and-write.
 *
 * <p>Expect ten lines {@code Final balance = 100}, every time. While one process holds the lock between its read
 * and its write, the other cannot read a balance that is about to change. The Lock travels to both processes as
 * a {@code Process} argument — at process start, where a primitive may travel.
 *
 * <p>Run: {@code ./mpdemo run bank-lock}
 */
@Demo(id = "bank-lock", topic = "races", order = 2,
        summary = "the same with a Lock around each update: always 100")
@RaceOutcomes(line = "Final balance = -?\\d+", expected = "Final balance = 100", alwaysRight = true)
// tag::program[]
public final class BankLock {

    static void withdraw(Value balance, Lock lock, Barrier start) {
        start.await();
        for (int i = 0, n = ops(10000); i < n; i++) {
            lock.acquire();
            balance.setInt(balance.getInt() - 1);
            lock.release();
        }
    }

    static void deposit(Value balance, Lock lock, Barrier start) {
        start.await();
        for (int i = 0, n = ops(10000); i < n; i++) {
            lock.acquire();
            balance.setInt(balance.getInt() + 1);
            lock.release();
        }
    }

    static void performTransactions() {
        var balance = new Value('i', 100);
        var lock = new Lock();
        var start = new Barrier(2);
        var p1 = new Process(BankLock::withdraw, balance, lock, start);
        var p2 = new Process(BankLock::deposit, balance, lock, start);
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
