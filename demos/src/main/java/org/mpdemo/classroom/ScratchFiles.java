package org.mpdemo.classroom;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The kit's temporary files and folders (a run's trace, the site's work folder …), which must not outlive the
 * program that made them however it ends.
 *
 * <p>Each name carries its owner's pid: {@code mpdemo-scratch-PID-KIND-…}. A normal end deletes it through the
 * caller's {@code finally}; Ctrl-C and SIGTERM through one shutdown hook; and since nothing runs in a process
 * killed with {@code kill -9}, the next program of the kit to make a scratch file removes those whose owner is
 * gone — only names of this form, owned by this user, never following a link.
 */
public final class ScratchFiles {
    static final String PREFIX = "mpdemo-scratch-";

    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
    /** Child processes that write into this program's scratch files (a demo's run, into its trace). */
    private static final Set<Process> WRITERS = ConcurrentHashMap.newKeySet();
    /** Guards {@link #closing}: once the hook has begun, no scratch file is made and no writer is let run. */
    private static final Object LOCK = new Object();
    private static boolean closing;
    private static final long PID = ProcessHandle.current().pid();
    private static volatile boolean started;

    private ScratchFiles() {}

    /** A new empty file, readable by this user only, deleted when this program ends if not before. */
    public static Path file(String kind, String suffix) throws IOException {
        Path dir = start();
        synchronized (LOCK) {
            if (closing) throw new IOException("the program is ending");
            Path file = Files.createTempFile(dir, PREFIX + PID + "-" + kind + "-", suffix,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            LIVE.add(file);
            return file;
        }
    }

    /** A new empty folder, this user's only, deleted with its contents when this program ends if not before. */
    public static Path directory(String kind) throws IOException {
        Path dir = start();
        synchronized (LOCK) {
            if (closing) throw new IOException("the program is ending");
            Path made = Files.createTempDirectory(dir, PREFIX + PID + "-" + kind + "-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            LIVE.add(made);
            return made;
        }
    }

    /**
     * Starts a child that writes into this program's scratch files (a demo's run, into its trace). At Ctrl-C or
     * SIGTERM the hook stops it and waits for it before deleting, since its last events could make the file again;
     * once the hook has begun, no such child starts (the JVM would halt under it and leave it running).
     */
    public static Process startWriter(ProcessBuilder builder) throws IOException {
        Process child;
        synchronized (LOCK) {
            if (closing) throw new IOException("the program is ending");
            child = builder.start();
            WRITERS.add(child);
        }
        child.onExit().thenRun(() -> WRITERS.remove(child));
        return child;
    }

    /** Deletes a scratch file or folder now; a failure leaves it to the shutdown hook or the next sweep. */
    public static void delete(Path path) {
        if (deleteTree(path)) LIVE.remove(path);
    }

    /** Removes the scratch files and folders in {@code dir} whose owner process is gone; returns how many. */
    static int sweep(Path dir) {
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, PREFIX + "*")) {
            for (Path entry : entries) {
                Optional<Long> owner = owner(entry.getFileName().toString());
                if (owner.isEmpty() || owner.get() == PID || running(owner.get())) continue;
                if (!Files.getOwner(entry, LinkOption.NOFOLLOW_LINKS).getName()
                        .equals(System.getProperty("user.name"))) continue;
                if (deleteTree(entry)) removed++;
            }
        } catch (IOException | RuntimeException e) {
            // best effort: what is left now, the next sweep sees again
        }
        return removed;
    }

    /** The pid in {@code mpdemo-scratch-PID-…}, if the name has that form. */
    static Optional<Long> owner(String name) {
        if (!name.startsWith(PREFIX)) return Optional.empty();
        String rest = name.substring(PREFIX.length());
        int dash = rest.indexOf('-');
        if (dash < 1) return Optional.empty();
        try {
            return Optional.of(Long.parseLong(rest.substring(0, dash)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** On first use: the sweep of what killed programs left, and the hook that deletes this program's own. */
    private static synchronized Path start() {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        if (!started) {
            started = true;
            sweep(dir);
            Runtime.getRuntime().addShutdownHook(new Thread(ScratchFiles::cleanUp, "mpdemo-scratch-cleanup"));
        }
        return dir;
    }

    /** The hook: the writers stopped and waited for (10 s at most in all), then every live scratch file deleted. */
    private static void cleanUp() {
        synchronized (LOCK) {
            closing = true;
        }
        stop(List.copyOf(WRITERS));
        LIVE.forEach(ScratchFiles::deleteTree);
    }

    /** Asks each process (and its children) to end, and waits for them, 10 s at most in all. */
    private static void stop(List<Process> processes) {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        for (Process p : processes) {
            try {
                p.waitFor(Math.max(0, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** A pid of a live process; a zombie (killed, not yet reaped) counts as gone. */
    static boolean running(long pid) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) return false;
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    /** Deletes a file or a folder's tree without following links; whether nothing of it is left. */
    private static boolean deleteTree(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) return true;
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
