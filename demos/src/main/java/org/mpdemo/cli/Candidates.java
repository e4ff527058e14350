package org.mpdemo.cli;

import java.util.Iterator;
import org.mpdemo.classroom.Walkthrough;
import org.mpdemo.demos.DemoCatalog;
import org.mpdemo.demos.DemoInfo;

/** What a positional parameter may be, for picocli's help and its completion script. */
final class Candidates {
    private Candidates() {
    }

    /** Every demo's id, in catalog order: {@code run}, {@code explain}, {@code verify}. */
    static final class Demos implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return DemoCatalog.all().stream().map(DemoInfo::id).iterator();
        }
    }

    /** The bank demos, whose rounds {@code explore} and {@code step} play. */
    static final class BankDemos implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return DemoCatalog.all().stream().filter(Candidates::isBank).map(DemoInfo::id).iterator();
        }
    }

    /** The walkthrough's topics, in teaching order. */
    static final class Topics implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Walkthrough.topics().iterator();
        }
    }

    /** A race demo whose round is processes the program starts itself: bank-race, bank-lock, bank-atomic. */
    static boolean isBank(DemoInfo demo) {
        return demo.outcomes() != null && demo.id().startsWith("bank-");
    }
}
