package org.mpdemo.multiprocessing.internal.launch;

import org.mpdemo.multiprocessing.pool.Pool;

/** Run by {@link ClassDataArchiveTest} from a jar: one pool, one task, its result on standard output. */
public final class ClassDataArchiveMain {
    private ClassDataArchiveMain() {
    }

    static int square(int x) {
        return x * x;
    }

    public static void main(String[] args) {
        try (Pool pool = new Pool(1)) {
            System.out.println(pool.apply(ClassDataArchiveMain::square, 7));
        }
    }
}
