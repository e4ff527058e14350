package org.mpdemo.demos.races;

import static org.mpdemo.demos.Tutorial.ops;
import static org.mpdemo.demos.Tutorial.rounds;

import org.mpdemo.demos.Demo;
import org.mpdemo.demos.RaceOutcomes;
import org.mpdemo.multiprocessing.Process;
import org.mpdemo.multiprocessing.shared.Barrier;
import org.mpdemo.multiprocessing.shared.Value;

/**
 * Two processes update one shared balance — one withdraws 1 ten thousand times, the other deposits 1 ten
 * thousand times — with no lock around each update.
 *
 * <p>Expect ten lines {@code Final balance = <n>}; the right answer is always 100, but many lines show something
 * else (CPython: half the balances wrong, anywhere from -9900 to 10100).
 * {@code balance.setInt(balance.getInt() - 1)} is a read and a write: each is atomic, but the other process can
 * write between them, and one of the two writes is then lost — a lost update.
 *
 * <p>A forked Python process starts in about a millisecond; a JVM takes tens. Without the start barrier the
 * first process would be done before the second began, and nothing would race. The barrier lets both begin
 * together, as forked processes nearly do.
 *
 * <p>Run: {@code ./mpdemo run bank-race}
 */
@Demo(id = "bank-race", topic = "races", order = 1,
        summary = "deposits and withdrawals on a shared balance without a lock: updates get lost")
@RaceOutcomes(line = "Final balance = -?\\d+", expected = "Final balance = 100")
// tag::program[]
public final class BankRace {

    static void withdraw(Value balance, Barrier start) {
        start.await();
        for (int i = 0, n = ops(10000); i < n; i++) {
            balance.setInt(balance.getInt() - 1);
        }
    }

    static void deposit(Value balance, Barrier start) {
        start.await();
        for (int i = 0, n = ops(10000); i < n; i++) {
            balance.setInt(balance.getInt() + 1);
        }
    }

    static void performTransactions() {
        // a shared int in shared memory, starting at 100
        var balance = new Value('i', 100);
        var start = new Barrier(2);
        var p1 = new Process(BankRace::withdraw, balance, start);
        var p2 = new Process(BankRace::deposit, balance, start);
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
