package org.mpdemo.multiprocessing.pool;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.mpdemo.multiprocessing.internal.launch.CurrentProcess;
import org.mpdemo.multiprocessing.internal.launch.Parent;
import org.mpdemo.multiprocessing.internal.reduction.Functions;
import org.mpdemo.multiprocessing.internal.reduction.Invoker;
import org.mpdemo.multiprocessing.internal.reduction.Reduction;
import org.mpdemo.multiprocessing.internal.wire.Connection;
import org.mpdemo.multiprocessing.internal.wire.Failure;
import org.mpdemo.multiprocessing.trace.TaskRef;
import org.mpdemo.multiprocessing.trace.Trace;
import org.mpdemo.multiprocessing.trace.TraceEvent;

/**
 * A pool worker's own loop, in the child: the target the child's main runs ({@link #main}), the child half
 * beside the parent half ({@link WorkerHandle}), as CPython's {@code pool.py} holds {@code worker()}. It runs
 * tasks one at a time on the main thread while the parent's reader thread keeps the pipe drained and hands it
 * FUNCTION, TASK and EXIT frames.
 *
 * <p>This is on the worker's way to its first result: no lambdas and no method references here (see the
 * launcher's {@code ChildMain}).
 */
final class Worker implements Parent.Listener {
    /** Put in the queue after the last task: the parent said EXIT. */
    private static final byte[] EXIT_MARK = new byte[0];

    private final Connection connection;
    /** Task payloads from the reader to the main thread (guarded by itself). */
    private final ArrayDeque<byte[]> tasks = new ArrayDeque<>();
    private final Map<Integer, byte[]> functionBytes = new ConcurrentHashMap<>();
    private final Map<Integer, Invoker> functions = new HashMap<>();

    private Worker(Connection connection) {
        this.connection = connection;
    }

    /**
     * The target: runs {@code initializer} (encoded, or null) with {@code initargs}, says READY, then serves
     * tasks until the parent says EXIT. It returns to the child's main, which does the exit handshake.
     */
    static void main(byte[] initializer, Object[] initargs) throws IOException, InterruptedException {
        Worker worker = new Worker(Parent.connection());
        Parent.listen(worker);
        if (initializer != null) {
            try {
                Functions.decode(initializer).invoke(initargs);
            } catch (Throwable e) {
                System.err.println("Process " + CurrentProcess.name() + ": initializer failed");
                e.printStackTrace();
                Parent.exit(1);
            }
        }
        openFirstJar();
        worker.connection.send(Connection.READY);
        while (true) {
            byte[] task = worker.take();
            if (task == EXIT_MARK) break;
            worker.run(TaskFrame.decode(task));
        }
    }

    /**
     * Opens the first jar of the class path, where the first task's function most likely is, before the
     * worker says it is ready: the worker's own classes came from the class-data archive without it, and
     * reading the directory of a large jar is most of a first task's time. Before READY this worker starts
     * alone; after it the pool may be starting the others.
     */
    private static void openFirstJar() {
        Worker.class.getClassLoader().getResource("META-INF/MANIFEST.MF");
    }

    /** On the parent's reader thread. */
    @Override
    public void onFrame(Connection.Frame frame) throws IOException {
        switch (frame.type()) {
            case Connection.FUNCTION -> {
                FunctionFrame function = FunctionFrame.decode(frame.payload());
                functionBytes.put(function.id(), function.function());
            }
            case Connection.TASK -> put(frame.payload());
            case Connection.EXIT -> {
                // keep reading: the tasks still queued may print, and wait for PRINTED
                Parent.goodbyeSaid();
                put(EXIT_MARK);
            }
            default -> throw new IOException("unexpected frame type " + frame.type());
        }
    }

    private void put(byte[] task) {
        synchronized (tasks) {
            tasks.add(task);
            tasks.notifyAll();
        }
    }

    private byte[] take() throws InterruptedException {
        synchronized (tasks) {
            while (tasks.isEmpty()) tasks.wait();
            return tasks.poll();
        }
    }

    private void run(TaskFrame task) {
        long began = System.nanoTime();
        long index = task.start();
        boolean tracing = Trace.enabled();
        try {
            Invoker function = functions.get(task.functionId());
            if (function == null) {
                function = Functions.decode(functionBytes.remove(task.functionId()));
                functions.put(task.functionId(), function);
            }
            List<Object> arguments = Reduction.decodeList(task.items());
            List<Object> results = new ArrayList<>(arguments.size());
            for (Object argument : arguments) {
                TaskRef.setCurrent(new TaskRef(task.job(), index));
                // guarded: the arguments would be boxed and an array built for every item, traced or not
                if (tracing) Trace.event(TraceEvent.TASK_START, "job", task.job(), "task", index);
                results.add(function.invoke((Object[]) argument));
                if (tracing) Trace.event(TraceEvent.TASK_END, "job", task.job(), "task", index, "ok", true);
                index++;
            }
            byte[] encoded = Reduction.encodeList(results);
            finish(task.taskId(), true, began, encoded);
        } catch (Throwable e) {
            Trace.event(TraceEvent.TASK_END, "job", task.job(), "task", index, "ok", false);
            finish(task.taskId(), false, began, Failure.encode(e,
                    "worker process " + ProcessHandle.current().pid() + " (" + CurrentProcess.name() + ")"));
        } finally {
            TaskRef.setCurrent(null);
        }
    }

    private void finish(long taskId, boolean ok, long began, byte[] body) {
        System.out.flush();
        System.err.flush();
        try {
            new ResultFrame(taskId, ok, System.nanoTime() - began, body).send(connection);
        } catch (IOException e) {
            Runtime.getRuntime().halt(1);
        }
    }
}
