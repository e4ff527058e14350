package org.mpdemo.demos.races;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mpdemo.demos.Asserting;
import org.mpdemo.demos.DemoRun;

/**
 * Beyond the documented runs of the deposit/withdraw demos: the lock keeps every balance exact over twenty
 * transactions, read with the one definition of a bank run's balances ({@link RacesExpectations#balances}).
 */
class BankTest {

    static List<Integer> balances(DemoRun run) {
        return Asserting.that(() -> RacesExpectations.balances(run.observation()));
    }

    @Test
    void withALockEveryBalanceIsExactInTwentyRuns() {
        DemoRun first = DemoRun.of("bank-lock");
        DemoRun second = DemoRun.of("bank-lock");
        List<Integer> all = new ArrayList<>(balances(first));
        all.addAll(balances(second));
        assertEquals(20, all.size());
        all.forEach(b -> assertEquals(100, b, "balances: " + all));
        first.assertAsDocumented();
        second.assertAsDocumented();
    }
}
