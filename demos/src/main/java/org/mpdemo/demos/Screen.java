package org.mpdemo.demos;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What the main process has shown on standard output, for a demo that must not print ahead of its workers.
 *
 * <p>A pool worker's lines reach the terminal through the parent, which relays them on a thread of its own, so a
 * line a worker printed a moment ago may not be on screen yet when the main program prints its next one. (In
 * CPython the workers write to the terminal themselves.) {@link #await} waits until lines containing a text have
 * been shown, so the main program's next line comes after them, as it does in CPython.
 */
public final class Screen extends PrintStream {
    private final StringBuilder line = new StringBuilder();
    private final String watched;
    private int seen;

    private Screen(PrintStream out, String watched) {
        super(out, true, StandardCharsets.UTF_8);
        this.watched = watched;
    }

    /**
     * Starts counting the lines shown on standard output that contain {@code text} (ASCII); call it before such
     * lines can be printed.
     */
    public static Screen watch(String text) {
        Screen screen = new Screen(System.out, text);
        System.setOut(screen);
        return screen;
    }

    @Override
    public void write(byte[] buf, int off, int len) {
        super.write(buf, off, len);
        synchronized (this) {
            for (int i = off; i < off + len; i++) {
                if (buf[i] != '\n') {
                    line.append((char) (buf[i] & 0xff));
                    continue;
                }
                if (line.indexOf(watched) >= 0) {
                    seen++;
                    notifyAll();
                }
                line.setLength(0);
            }
        }
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    /** Waits until {@code count} watched lines have been shown, or {@code timeout} seconds pass; returns whether. */
    public synchronized boolean await(int count, double timeout) {
        long deadline = System.nanoTime() + (long) (timeout * 1e9);
        try {
            while (seen < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return false;
                wait(left / 1_000_000, (int) (left % 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }
}
