package org.mpdemo.multiprocessing.internal.launch;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.mpdemo.multiprocessing.internal.wire.Connection;

/**
 * The parent's side of one child started on {@link ChildMain}: its process, its channel, the sinks of what it
 * prints, the thread that reads it, the exit handshake and the wait for its exit. Whatever a child's role adds
 * (a pool worker's READY and RESULT frames) goes to the owner's {@link Listener}.
 *
 * <p>What the child prints arrives as OUT and ERR frames; each is answered with PRINTED once it is out, and
 * the child waits for that before it goes on, as a forked child's write to the shared terminal would be out.
 * DONE is answered by closing the child's input, so that the child's reader sees end of file and the child
 * exits at once (see {@link Parent#exit}).
 */
public final class ChildHandle {
    /** The streams as they are when a line is printed, so that a redirection is seen. */
    private static final Supplier<PrintStream> STDOUT = () -> System.out;
    private static final Supplier<PrintStream> STDERR = () -> System.err;

    private final java.lang.Process process;
    private final Connection connection;
    private final Listener listener;
    private final LineSink out = new LineSink(STDOUT);
    private final LineSink err = new LineSink(STDERR);
    private final Reader reader;

    /** What a child's owner hears from it, on the handle's reader thread. */
    public interface Listener {
        /** A frame of the child's role; one it does not expect is an {@link IOException}. */
        void onFrame(Connection.Frame frame) throws IOException;

        /** The child's channel is closed and its output printed: it has exited, or is about to. */
        void onClosed();
    }

    private ChildHandle(java.lang.Process process, String readerName, Listener listener) {
        this.process = process;
        this.connection = new Connection(process.getInputStream(), process.getOutputStream());
        this.listener = listener;
        this.reader = new Reader(this, readerName);
    }

    /**
     * Starts a child JVM on {@link ChildMain} with {@code flags} ({@link Spawner#start(List, String, String...)});
     * {@link #boot} sends it what to run.
     */
    public static ChildHandle spawn(List<String> flags, String readerName, Listener listener) {
        return new ChildHandle(Spawner.start(flags, ChildMain.class.getName()), readerName, listener);
    }

    /** Sends the child its BOOT frame and starts reading what it sends. */
    public void boot(byte[] boot) {
        try {
            connection.send(Connection.BOOT, boot);
        } catch (IOException e) {
            // the child died at once; the reader sees end of file and reports it
        }
        reader.start();
    }

    public java.lang.Process process() {
        return process;
    }

    public long pid() {
        return process.pid();
    }

    /** The channel, for the frames of the child's role. */
    public Connection connection() {
        return connection;
    }

    /** Sends a frame with no payload, ignoring a child that is gone (its reader reports that). */
    public void send(byte type) {
        try {
            connection.send(type);
        } catch (IOException e) {
            // the child is gone
        }
    }

    /** Waits for the child's exit, killing it after {@code timeout}: its exit status, or -1 if interrupted. */
    public int awaitExit(long timeout, TimeUnit unit) {
        try {
            if (!process.waitFor(timeout, unit)) {
                process.destroyForcibly();
                process.waitFor();
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Waits at most {@code millis} (0: no limit) for everything the child printed to be out. */
    public void awaitOutput(long millis) throws InterruptedException {
        reader.join(millis);
    }

    private void read() {
        try {
            Connection.Frame frame;
            while ((frame = connection.receive()) != null) {
                switch (frame.type()) {
                    case Connection.OUT -> {
                        out.accept(frame.payload());
                        send(Connection.PRINTED);
                    }
                    case Connection.ERR -> {
                        err.accept(frame.payload());
                        send(Connection.PRINTED);
                    }
                    case Connection.DONE -> connection.closeOutput();
                    default -> listener.onFrame(frame);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!(e instanceof IOException)) e.printStackTrace();
            process.destroyForcibly(); // a child that breaks the protocol is not trusted any further
        } finally {
            connection.close();
            out.close();
            err.close();
            listener.onClosed();
        }
    }

    /** The reader thread: a named class, as everything on the way to a child's first answer. */
    private static final class Reader extends Thread {
        private final ChildHandle child;

        Reader(ChildHandle child, String name) {
            super(name);
            this.child = child;
            setDaemon(true);
        }

        @Override
        public void run() {
            child.read();
        }
    }
}
