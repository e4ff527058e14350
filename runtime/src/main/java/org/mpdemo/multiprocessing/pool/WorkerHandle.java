package org.mpdemo.multiprocessing.pool;

import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.mpdemo.multiprocessing.Task;
import org.mpdemo.multiprocessing.internal.launch.ChildHandle;
import org.mpdemo.multiprocessing.internal.reduction.Invoker;
import org.mpdemo.multiprocessing.internal.wire.Connection;

/**
 * The parent's side of one worker: the pool's frames over its {@link ChildHandle}, and the chunks it is
 * running. Its READY and RESULT frames, and its exit, go to the pool's supervision ({@link Workers}).
 */
final class WorkerHandle implements ChildHandle.Listener {
    /** What a worker's child runs: the worker's loop ({@link Worker#main}), which travels by name. */
    static final Invoker TARGET = Invoker.of((Task.Run2<byte[], Object[]>) Worker::main);

    final String name;
    final ChildHandle child;
    /** The chunks sent to it and not answered, by task id (guarded by the pool's lock, as the flags below). */
    final Map<Long, Job.Chunk> inflight = new LinkedHashMap<>();
    boolean ready;
    boolean retiring;
    boolean exitSent;
    int assigned;
    /** The job this worker was last given chunks of, and how many (for the fair share while workers start). */
    Job lastJob;
    int lastJobChunks;
    private final Workers owner;
    /** The functions this worker has been sent, by id (guarded by this). */
    private final Set<Integer> functionsSent = new HashSet<>();

    WorkerHandle(Workers owner, String name, List<String> flags) {
        this.owner = owner;
        this.name = name;
        this.child = ChildHandle.spawn(flags, "pool-reader-" + name, this);
    }

    long pid() {
        return child.pid();
    }

    @Override
    public void onFrame(Connection.Frame frame) throws IOException {
        switch (frame.type()) {
            case Connection.READY -> owner.onReady(this);
            case Connection.RESULT -> owner.onResult(this, ResultFrame.decode(frame.payload()));
            default -> throw new IOException("unexpected frame type " + frame.type());
        }
    }

    @Override
    public void onClosed() {
        owner.onExit(this);
    }

    /** Writes the chunk, and its function the first time; {@link #flush()} sends them. */
    synchronized void sendTask(Job.Chunk chunk) {
        try {
            if (functionsSent.add(chunk.functionId)) {
                new FunctionFrame(chunk.functionId, chunk.function).write(child.connection());
            }
            new TaskFrame(chunk.taskId, chunk.functionId, chunk.job.id, chunk.start, chunk.items)
                    .write(child.connection());
        } catch (IOException e) {
            // the worker is gone; its reader fails the chunk
        }
    }

    void flush() {
        try {
            child.connection().flush();
        } catch (IOException e) {
            // the worker is gone; its reader reports it
        }
    }

    void sendExit() {
        child.send(Connection.EXIT);
    }

    void kill() {
        child.process().destroyForcibly();
    }

    int awaitExit(long timeout, TimeUnit unit) {
        return child.awaitExit(timeout, unit);
    }
}
