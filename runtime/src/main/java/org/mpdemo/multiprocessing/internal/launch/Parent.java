package org.mpdemo.multiprocessing.internal.launch;

import java.io.IOException;
import java.nio.channels.FileChannel;
import org.mpdemo.multiprocessing.internal.wire.Connection;

/**
 * A child's view of its parent, for the target {@link ChildMain} runs: the channel, the frames of the target's
 * role, and the exit. The parent's own frames (PRINTED) are taken here.
 *
 * <p>A reader thread keeps the channel drained from the moment the child boots. End of file on it, without the
 * parent having said goodbye ({@link #goodbyeSaid()}) or the child exiting, means the parent died: the child
 * halts at once, so a killed parent never leaves children behind.
 */
public final class Parent {
    private static Connection connection;
    /**
     * Standard input as an interruptible channel, so that closing it wakes a thread blocked reading it: HotSpot's
     * exit waits a long while for threads blocked in native code, and a plain {@code FileInputStream} read is one.
     */
    private static FileChannel stdin;
    private static Reader reader;
    private static volatile Listener listener;
    /** Set before the exit handshake, so that the reader takes end of file for our exit, not the parent's death. */
    private static volatile boolean exiting;
    /** The parent said it will send nothing more: end of file is no longer its death. */
    private static volatile boolean goodbye;
    /** What to do instead of halting when the parent closes the channel or dies (a manager's server stops). */
    private static volatile Runnable whenGone;

    private Parent() {
    }

    /** The frames of a target's role, on the reader thread. */
    public interface Listener {
        /** A frame other than PRINTED; one the target does not expect is an {@link IOException}. */
        void onFrame(Connection.Frame frame) throws IOException;
    }

    /** Called once by {@link ChildMain} as the child boots: from now on the channel is read. */
    static void connect(Connection parent, FileChannel input) {
        connection = parent;
        stdin = input;
        FrameOutputStream.expectAcknowledgements();
        reader = new Reader();
        reader.start();
    }

    public static Connection connection() {
        return connection;
    }

    /** Frames other than PRINTED go to {@code frames}; until it is set, the reader drops them. */
    public static void listen(Listener frames) {
        listener = frames;
    }

    /**
     * End of file from the parent — it closed our input, or died — runs {@code stop} on the reader thread instead
     * of halting the child at once: for a target with something to clean up first, which must then end the
     * process itself (a manager's server removes its socket directory).
     */
    public static void whenGone(Runnable stop) {
        whenGone = stop;
    }

    /** The parent said goodbye (a pool's EXIT): the child finishes what it has, then exits by itself. */
    public static void goodbyeSaid() {
        goodbye = true;
    }

    /** Flushes what the child printed, does the exit handshake with the parent, and exits with {@code status}. */
    public static void exit(int status) {
        System.out.flush();
        System.err.flush();
        exiting = true;
        try {
            // DONE makes the parent close our input: the reader thread reads end of file and ends, so that no
            // thread is blocked in native code when the JVM exits
            connection.send(Connection.DONE);
            reader.join(1000);
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

    private static void read() {
        try {
            Connection.Frame frame;
            while ((frame = connection.receive()) != null) {
                if (frame.type() == Connection.PRINTED) {
                    FrameOutputStream.printed();
                    continue;
                }
                Listener frames = listener;
                if (frames != null) frames.onFrame(frame);
            }
        } catch (IOException e) {
            // a broken pipe, or a frame nobody expects: the parent is not to be trusted, as at end of file
            if (!exiting && !goodbye) stopped(e);
        } catch (Throwable e) {
            // anything else (a frame too large for this heap, one too short to decode): with nobody reading the
            // channel, the parent would block writing to it and this process would outlive it
            stopped(e);
            Runnable stop = whenGone;
            if (stop != null) stop.run();
            else Runtime.getRuntime().halt(1);
            return;
        }
        if (exiting || goodbye) return;
        Runnable stop = whenGone;
        if (stop != null) stop.run();
        else Runtime.getRuntime().halt(1); // the parent is gone: stop, whatever is running
    }

    /** Says why this process stops reading from its parent: the parent sees only that it died. */
    private static void stopped(Throwable why) {
        if (why instanceof java.io.EOFException) return; // the parent died in the middle of a frame
        FrameOutputStream.noAcknowledgements(); // this thread was the one to read them
        System.err.println("mpdemo: " + CurrentProcess.name() + " (pid " + ProcessHandle.current().pid()
                + ") stops: it cannot read from its parent: " + why);
        System.err.flush();
    }

    /** The reader: a named class, since the first lambda or method reference costs a fresh JVM its start-up. */
    private static final class Reader extends Thread {
        Reader() {
            super("parent-reader");
            setDaemon(true);
        }

        @Override
        public void run() {
            read();
        }
    }
}
