package org.mpdemo.multiprocessing.internal.launch;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.mpdemo.multiprocessing.internal.schedule.SwitchPoint;
import org.mpdemo.multiprocessing.internal.wire.Boot;
import org.mpdemo.multiprocessing.internal.wire.Connection;
import org.mpdemo.multiprocessing.trace.Trace;

/**
 * The entry point of every child JVM: it runs the target its BOOT frame names, with its arguments, and exits
 * with status 0, or 1 after printing the traceback of an uncaught exception. A child has no role of its own: a
 * pool worker is a child whose target is the worker's loop, as CPython's pool runs {@code Process(target=worker)}.
 *
 * <p>Standard input and output carry the {@link Connection} to the parent ({@link Parent}); {@code System.out}
 * and {@code System.err} become frames on it.
 *
 * <p>Everything a child runs before it is ready costs start-up time in a fresh JVM, where the first lambda or
 * method reference alone costs milliseconds (the invokedynamic machinery starts up), and so does a first
 * {@code ProcessHandle}, a {@code LinkedBlockingQueue} (its waits start up {@code ForkJoinPool}) or a class
 * initializer. So the boot path, here and in the targets, uses named classes and plain monitors, and asks for
 * nothing it does not need.
 */
public final class ChildMain {
    private static FileChannel stdin;

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
        Trace.inheritFromParent();
        stdin = new FileInputStream(FileDescriptor.in).getChannel();
        Connection connection = new Connection(new StdinStream(), new FileOutputStream(FileDescriptor.out));
        System.setIn(InputStream.nullInputStream());
        System.setOut(new PrintStream(new FrameOutputStream(connection, Connection.OUT), true));
        System.setErr(new PrintStream(new FrameOutputStream(connection, Connection.ERR), true));

        Connection.Frame first = connection.receive();
        if (first == null || first.type() != Connection.BOOT) Runtime.getRuntime().halt(1);
        Boot boot = Boot.decode(first.payload());
        CurrentProcess.setName(boot.name);
        Parent.connect(connection, stdin);
        if (boot.mainClass != null) restoreGlobals(boot);
        int status = 0;
        try {
            boot.target.invoke(boot.args);
        } catch (Throwable e) {
            System.err.println("Process " + boot.name + ":");
            e.printStackTrace();
            status = 1;
        }
        SwitchPoint.ended();
        Parent.exit(status);
    }

    /** Under the emulated {@code fork}: the parent's globals (see {@link Fork}). */
    private static void restoreGlobals(Boot boot) {
        try {
            Fork.restore(boot.mainClass, boot.globals);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            System.err.println("Process " + boot.name + ": cannot restore the globals of " + boot.mainClass);
            e.printStackTrace();
            Parent.exit(1);
        }
    }
}
