package org.mpdemo.multiprocessing.internal.launch;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.mpdemo.multiprocessing.Process;
import org.mpdemo.multiprocessing.internal.reduction.Functions;
import org.mpdemo.multiprocessing.internal.reduction.Invoker;
import org.mpdemo.multiprocessing.internal.reduction.Reduction;
import org.mpdemo.multiprocessing.internal.wire.Boot;
import org.mpdemo.multiprocessing.internal.wire.Connection;
import org.mpdemo.multiprocessing.internal.wire.Failure;
import org.mpdemo.multiprocessing.trace.TaskRef;
import org.mpdemo.multiprocessing.trace.Trace;
import org.mpdemo.multiprocessing.trace.TraceEvent;

/**
 * The entry point of every child JVM: a pool worker or a {@link Process}.
 *
 * <p>Standard input and output carry the {@link Connection} to the parent; {@code System.out} and
 * {@code System.err} become frames on it. End-of-file on standard input without an EXIT frame means the parent
 * died: the child halts at once, so a killed parent never leaves children behind.
 *
 * <p>Everything a child runs before it is ready costs start-up time in a fresh JVM, where the first lambda or
 * method reference alone costs milliseconds (the invokedynamic machinery starts up), and so does a first
 * {@code ProcessHandle}, a {@code LinkedBlockingQueue} (its waits start up {@code ForkJoinPool}) or a class
 * initializer. So the boot path below uses named classes and plain monitors, and asks for nothing it does not
 * need.
 */
public final class ChildMain {
    private static final Connection.Frame EXIT_MARK = new Connection.Frame(Connection.EXIT, new byte[0]);

    /**
     * Standard input as an interruptible channel, so that closing it wakes a thread blocked reading it: HotSpot's
     * exit waits up to 300 ms for threads blocked in native code (a {@code Process} took 370 ms to join instead of
     * 60 while its reader sat in a plain {@code FileInputStream} read).
     */
    private static FileChannel stdin;
    /** Set before the exit handshake, so that the reader takes end of file for our exit, not the parent's death. */
    private static volatile boolean exiting;
    /** The thread reading {@link #stdin}: ended before exit. */
    private static Thread reader;

    private ChildMain() {
    }

    /**
     * {@link #stdin} as a stream. Not {@code Channels.newInputStream}: its {@code available()} asks a
     * {@code FileChannel} for its size and position, which a pipe does not have ("Illegal seek"), and
     * {@code BufferedInputStream} asks while it reads a frame larger than its buffer (a large map chunk), which
     * took the worker for an orphan.
     */
    private static final class StdinStream extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return len == 0 ? 0 : stdin.read(ByteBuffer.wrap(b, off, len));
        }
    }

    public static void main(String[] argv) throws Exception {
        stdin = new FileInputStream(FileDescriptor.in).getChannel();
        Connection connection = new Connection(new StdinStream(),
                new FileOutputStream(FileDescriptor.out));
        System.setIn(InputStream.nullInputStream());
        System.setOut(new PrintStream(new FrameOutputStream(connection, Connection.OUT), true));
        System.setErr(new PrintStream(new FrameOutputStream(connection, Connection.ERR), true));

        Connection.Frame first = connection.receive();
        if (first == null || first.type() != Connection.BOOT) Runtime.getRuntime().halt(1);
        Boot boot = Boot.decode(first.payload());
        CurrentProcess.setName(boot.name);
        if (boot.mainClass != null) restoreGlobals(connection, boot);
        if (boot.role == Boot.Role.POOL_WORKER) {
            new Worker(connection, boot).run();
        } else {
            runProcess(connection, boot);
        }
    }

    /** Under the emulated {@code fork}: the parent's globals (see {@link Fork}). */
    private static void restoreGlobals(Connection connection, Boot boot) {
        try {
            Fork.restore(boot.mainClass, boot.globals);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            System.err.println("Process " + boot.name + ": cannot restore the globals of " + boot.mainClass);
            e.printStackTrace();
            flushAndExit(connection, 1);
        }
    }

    // ---- Process -----------------------------------------------------------------------------------------

    private static void runProcess(Connection connection, Boot boot) {
        Thread watchdog = new Watchdog(connection);
        FrameOutputStream.expectAcknowledgements();
        reader = watchdog;
        watchdog.start();
        int status = 0;
        try {
            boot.function.invoke(boot.args);
        } catch (Throwable e) {
            System.err.println("Process " + boot.name + ":");
            e.printStackTrace();
            status = 1;
        }
        flushAndExit(connection, status);
    }

    /** A process's reader: takes the parent's acknowledgements, and halts the child if the parent goes away. */
    private static final class Watchdog extends Thread {
        private final Connection connection;

        Watchdog(Connection connection) {
            super("parent-watchdog");
            this.connection = connection;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                Connection.Frame frame;
                while ((frame = connection.receive()) != null) {
                    // after BOOT the parent only acknowledges printed output
                    if (frame.type() == Connection.PRINTED) FrameOutputStream.printed();
                }
            } catch (IOException ignored) {
                // same as end of file
            }
            if (!exiting) Runtime.getRuntime().halt(1); // the parent is gone
        }
    }

    public static void flushAndExit(Connection connection, int status) {
        System.out.flush();
        System.err.flush();
        exiting = true;
        try {
            // DONE makes the parent close our input: the reader thread reads end of file and ends, so that no
            // thread is blocked in native code when the JVM exits (HotSpot waits up to 300 ms for such threads)
            connection.send(Connection.DONE);
            if (reader != null) reader.join(1000);
        } catch (IOException ignored) {
            // parent gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            stdin.close(); // if the reader is still in its read after all, closing the channel wakes it
        } catch (IOException ignored) {
            // closing anyway
        }
        System.exit(status);
    }

    // ---- pool worker -------------------------------------------------------------------------------------

    /** Runs tasks one at a time on the main thread while a reader thread keeps the pipe drained. */
    private static final class Worker {
        private final Connection connection;
        private final Boot boot;
        /** Task frames from the reader to the main thread (guarded by itself). */
        private final ArrayDeque<Connection.Frame> tasks = new ArrayDeque<>();
        private final Map<Integer, byte[]> functionBytes = new ConcurrentHashMap<>();
        private final Map<Integer, Invoker> functions = new HashMap<>();

        Worker(Connection connection, Boot boot) {
            this.connection = connection;
            this.boot = boot;
        }

        /** The thread running {@link #read}: a named class, as a method reference would cost a lambda's start. */
        private static final class Reader extends Thread {
            private final Worker worker;

            Reader(Worker worker) {
                super("worker-reader");
                this.worker = worker;
                setDaemon(true);
            }

            @Override
            public void run() {
                worker.read();
            }
        }

        /**
         * Opens the first jar of the class path, where the first task's function most likely is, before the
         * worker says it is ready. The worker's own classes came from the class-data archive without it, and
         * reading the directory of a large jar was ~8 of the ~10 ms from a first task's arrival to its result;
         * before READY this worker starts alone, after it the pool may be starting the others.
         */
        private static void openFirstJar() {
            ChildMain.class.getClassLoader().getResource("META-INF/MANIFEST.MF");
        }

        private void put(Connection.Frame frame) {
            synchronized (tasks) {
                tasks.add(frame);
                tasks.notifyAll();
            }
        }

        private Connection.Frame take() throws InterruptedException {
            synchronized (tasks) {
                while (tasks.isEmpty()) tasks.wait();
                return tasks.poll();
            }
        }

        void run() throws IOException, InterruptedException {
            Thread reader = new Reader(this);
            FrameOutputStream.expectAcknowledgements();
            ChildMain.reader = reader;
            reader.start();
            if (boot.function != null) {
                try {
                    boot.function.invoke(boot.args);
                } catch (Throwable e) {
                    System.err.println("Process " + boot.name + ": initializer failed");
                    e.printStackTrace();
                    flushAndExit(connection, 1);
                }
            }
            openFirstJar();
            connection.send(Connection.READY);
            while (true) {
                Connection.Frame frame = take();
                if (frame == EXIT_MARK) break;
                runTask(frame.payload());
            }
            flushAndExit(connection, 0);
        }

        private void read() {
            boolean exiting = false;
            try {
                Connection.Frame frame;
                while ((frame = connection.receive()) != null) {
                    switch (frame.type()) {
                        case Connection.PRINTED -> FrameOutputStream.printed();
                        case Connection.FUNCTION -> {
                            ByteBuffer b = ByteBuffer.wrap(frame.payload());
                            int id = b.getInt();
                            byte[] bytes = new byte[b.remaining()];
                            b.get(bytes);
                            functionBytes.put(id, bytes);
                        }
                        case Connection.TASK -> put(frame);
                        case Connection.EXIT -> {
                            // keep reading: the tasks still queued may print, and wait for PRINTED
                            exiting = true;
                            put(EXIT_MARK);
                        }
                        default -> throw new IOException("unexpected frame type " + frame.type());
                    }
                }
            } catch (IOException e) {
                // a broken pipe is the parent going away, like end of file
            }
            // the parent is gone: stop now, whatever is running — unless it had already said goodbye
            if (!exiting && !ChildMain.exiting) Runtime.getRuntime().halt(1);
        }

        private void runTask(byte[] payload) {
            ByteBuffer header = ByteBuffer.wrap(payload);
            long taskId = header.getLong();
            int functionId = header.getInt();
            header.get(); // star flag: the parent already made every item an argument array
            long job = header.getLong();
            long start = header.getLong();
            byte[] items = new byte[header.remaining()];
            header.get(items);
            long began = System.nanoTime();
            long index = start;
            boolean tracing = Trace.enabled();
            try {
                Invoker function = functions.get(functionId);
                if (function == null) {
                    function = Functions.decode(functionBytes.remove(functionId));
                    functions.put(functionId, function);
                }
                List<Object> arguments = Reduction.decodeList(items);
                List<Object> results = new ArrayList<>(arguments.size());
                for (Object argument : arguments) {
                    TaskRef.setCurrent(new TaskRef(job, index));
                    // guarded: the arguments would be boxed and an array built for every item, traced or not
                    if (tracing) Trace.event(TraceEvent.TASK_START, "job", job, "task", index);
                    results.add(function.invoke((Object[]) argument));
                    if (tracing) Trace.event(TraceEvent.TASK_END, "job", job, "task", index, "ok", true);
                    index++;
                }
                byte[] encoded = Reduction.encodeList(results);
                finish(taskId, true, began, encoded);
            } catch (Throwable e) {
                Trace.event(TraceEvent.TASK_END, "job", job, "task", index, "ok", false);
                finish(taskId, false, began, Failure.encode(e,
                        "worker process " + ProcessHandle.current().pid() + " (" + boot.name + ")"));
            } finally {
                TaskRef.setCurrent(null);
            }
        }

        private void finish(long taskId, boolean ok, long began, byte[] body) {
            System.out.flush();
            System.err.flush();
            ByteBuffer header = ByteBuffer.allocate(17).putLong(taskId).put((byte) (ok ? 1 : 0))
                    .putLong(System.nanoTime() - began);
            try {
                connection.send(Connection.RESULT, header.array(), body);
            } catch (IOException e) {
                Runtime.getRuntime().halt(1);
            }
        }
    }
}
