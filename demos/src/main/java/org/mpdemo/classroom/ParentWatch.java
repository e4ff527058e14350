package org.mpdemo.classroom;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A demo's JVM that a command of the kit started (verify, {@code run --runs}, the walkthrough, the site) ends when
 * that command ends, however it ends — even by {@code kill -9}, when no hook of the command runs.
 *
 * <p>The command keeps the child's standard input open, as a pipe it never writes to, and the child reads it:
 * the kernel closes the pipe when the command's process is gone, the child reads end of file and ends. The
 * runtime's own children (workers, managers) watch their parent the same way, so they follow.
 */
public final class ParentWatch {
    /** Set in the child's environment: its standard input is its parent's pipe. */
    static final String ENV = "MPDEMO_PARENT_PIPE";
    /** How long the child's own exit may take (its hooks, a pool's clean-up) before it halts. */
    private static final long EXIT_MILLIS = 1000;

    private ParentWatch() {
    }

    /** The builder of a child that ends with this process; its standard input must then stay open until it ends. */
    static ProcessBuilder watched(ProcessBuilder builder) {
        builder.environment().put(ENV, "1");
        return builder;
    }

    /** In the child, first thing: if its parent asked for it, end once the parent is gone. */
    public static void startIfAsked() {
        if (!"1".equals(System.getenv(ENV))) return;
        Thread watch = new Thread(ParentWatch::watch, "mpdemo-parent-watch");
        watch.setDaemon(true);
        watch.start();
    }

    private static void watch() {
        // a channel, not a stream: a thread blocked in a FileInputStream read would hold up this JVM's exit
        try (FileChannel in = new FileInputStream(FileDescriptor.in).getChannel()) {
            ByteBuffer buffer = ByteBuffer.allocate(256);
            while (in.read(buffer) >= 0) buffer.clear(); // nothing is sent; whatever is, is not ours to read
        } catch (IOException e) {
            // a broken input is a parent gone too
        }
        Thread exit = new Thread(() -> System.exit(1), "mpdemo-parent-gone");
        exit.setDaemon(true);
        exit.start();
        try {
            exit.join(EXIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(1);
    }
}
