package org.mpdemo.multiprocessing.internal.launch;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * Where a child's OUT or ERR frames land in the parent: bytes are held until a line is complete, then the whole
 * line is printed with one call, so two processes' lines never splice.
 */
public final class LineSink {
    private final Supplier<PrintStream> target;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    public LineSink(Supplier<PrintStream> target) {
        this.target = target;
    }

    public synchronized void accept(byte[] bytes) {
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                partial.write(bytes, start, i + 1 - start);
                emit();
                start = i + 1;
            }
        }
        partial.write(bytes, start, bytes.length - start);
    }

    /** Prints what is left of an unterminated line (the child is gone). */
    public synchronized void close() {
        if (partial.size() > 0) {
            partial.write('\n');
            emit();
        }
    }

    private void emit() {
        PrintStream out = target.get();
        byte[] line = partial.toByteArray();
        partial.reset();
        synchronized (out) {
            out.write(line, 0, line.length);
            out.flush();
        }
    }
}
