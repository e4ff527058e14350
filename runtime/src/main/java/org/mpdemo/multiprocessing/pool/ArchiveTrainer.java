package org.mpdemo.multiprocessing.pool;

import java.io.IOException;
import java.util.List;
import org.mpdemo.multiprocessing.internal.launch.ClassDataArchive;
import org.mpdemo.multiprocessing.internal.reduction.Reduction;
import org.mpdemo.multiprocessing.internal.server.ServerMain;
import org.mpdemo.multiprocessing.shared.Barrier;
import org.mpdemo.multiprocessing.shared.Condition;
import org.mpdemo.multiprocessing.shared.Value;

/**
 * The class-data archive's trainer ({@link ClassDataArchive}): a JVM in the background that runs a pool of one
 * worker, started with {@code -XX:ArchiveClassesAtExit}, through one task that loads the runtime's classes and
 * what a manager's server starts with, then lets it exit normally, which is when the worker writes the archive.
 */
final class ArchiveTrainer {
    private ArchiveTrainer() {
    }

    /** {@code FLAGS}: the children's flags, one a line; the archive's path is in {@code -Dmpdemo.cds.train}. */
    public static void main(String[] args) throws Exception {
        if (args.length == 1) {
            ClassDataArchive.giveUpLater();
            ClassDataArchive.train(ClassDataArchive.trainingTarget(), List.of(args[0].split("\n")), () -> {
                Pool pool = new Pool(1);
                pool.apply(ArchiveTrainer::exercise);
                pool.shutdown();
                pool.join();
            });
        }
        System.exit(0); // the pool's threads must not keep the trainer alive
    }

    /** The training task, in the worker. */
    static int exercise() throws IOException {
        int loaded = ClassDataArchive.loadRuntimeClasses();
        try {
            exercisePrimitives();
            ServerMain.exerciseForArchive();
        } catch (IOException | RuntimeException e) {
            // an archive without them is still worth having
        }
        return loaded;
    }

    /**
     * What a child that shares primitives goes through, none of which loading the runtime's classes reaches: the
     * arguments' decoding (Java serialization, whose method handles a dynamic archive keeps), the futex binding
     * (JNA's classes and the JDK's they pull in), a lock taken and released, a Value read and written, a Barrier
     * and a Condition.
     */
    private static void exercisePrimitives() {
        // as a child receives them: decoded from its start message's arguments
        List<Object> received = Reduction.decodeList(Reduction.spawning(() -> Reduction.encodeList(
                List.of(new Value('i', 100), new Barrier(1), new Condition()))));
        Value value = (Value) received.get(0);
        Barrier barrier = (Barrier) received.get(1);
        Condition condition = (Condition) received.get(2);
        barrier.await();
        try (var held = value.hold()) {
            value.setInt(value.getInt() + 1);
        }
        condition.acquire();
        condition.signalAll();
        condition.release();
    }
}
