package org.mpdemo.multiprocessing.internal.shm;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.mpdemo.multiprocessing.errors.ProcessError;
import org.mpdemo.multiprocessing.internal.reduction.Reduction;
import org.mpdemo.multiprocessing.trace.Trace;
import org.mpdemo.multiprocessing.trace.TraceEvent;

/**
 * A segment of memory shared between processes: the file that backs it, its mapping in this process, and how it
 * is handed to a child. Shared objects do not create segments themselves; they take slots of one from the
 * {@link Arena}, and read and write them through the accessors of {@link AtomicMemory}.
 *
 * <h2>Lifetime: nothing is ever left in {@code /dev/shm}</h2>
 * A segment is a file created in {@code /dev/shm} (or {@code java.io.tmpdir} where that does not exist), opened,
 * and <em>unlinked at once</em>, before it is even sized. From then on it has no name: it lives exactly as long as
 * some process keeps an open descriptor or a mapping of it, and the kernel frees it when the last one goes — after
 * a normal exit, an exception or a {@code kill -9} alike. (A stale file could only survive a kill between the two
 * system calls {@code open} and {@code unlink}; {@link #create} also removes such files of dead processes.)
 *
 * <h2>Sharing: {@code /proc/<pid>/fd/<n>}</h2>
 * A process that holds a segment knows its own descriptor number, found by scanning {@code /proc/self/fd}.
 * A segment serializes — in process-start context only, like every primitive — as its name, size and the
 * (pid, fd) pairs of processes known to hold it, this process first. The child opens {@code /proc/<pid>/fd/<n>},
 * which on Linux reopens the unlinked file, maps it, and keeps its own descriptor open, so that it can in turn
 * hand the segment to its own children even if the creator has exited. Within one process a segment is mapped
 * once: deserializing the same segment twice yields the same object. Reopening through {@code /proc} needs what
 * reading another process's descriptors always needs: the same user, and a dumpable process (JVMs are).
 *
 * <p>Linux only ({@link Linux}): on another system, creating a segment fails at once.
 */
public final class SharedMemory extends AtomicMemory implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How many (pid, fd) pairs a segment carries to the next process. */
    private static final int MAX_SOURCES = 8;
    private static final String PREFIX = "mpdemo-";

    public static final long PID = ProcessHandle.current().pid();
    /** fallocate's errno for a file system with no room. */
    private static final int ENOSPC = 28;
    private static final Path PROC_SELF_FD = Path.of("/proc/self/fd");
    private static final boolean PROC = Files.isDirectory(PROC_SELF_FD);
    private static final Map<String, SharedMemory> ATTACHED = new ConcurrentHashMap<>();
    private static final AtomicLong SEQ = new AtomicLong();
    private static volatile boolean swept;

    /** Unique across processes and time: {@code mpdemo-<pid>-<seq>-<random>}. */
    public final String name;
    public final int size;
    /** Keeps this process's descriptor open so children can reopen the segment through {@code /proc}. */
    private final transient FileChannel channel;
    /** Processes known to hold the segment open, this one first. */
    private final transient List<Source> sources;

    /** One process's descriptor for a segment. */
    public record Source(long pid, int fd) implements Serializable {
    }

    private SharedMemory(String name, int size, ByteBuffer buffer, FileChannel channel, List<Source> sources) {
        super(buffer);
        this.name = name;
        this.size = size;
        this.channel = channel;
        this.sources = sources;
    }

    // ---- creating, attaching ------------------------------------------------------------------------------

    /** A new segment of {@code size} zero bytes, already unlinked. */
    public static SharedMemory create(int size) {
        Linux.require();
        sweepStaleFiles();
        Path dir = directory();
        String name = PREFIX + PID + "-" + SEQ.incrementAndGet() + "-"
                + Long.toHexString(Names.RANDOM.nextLong() >>> 1);
        Path path = dir.resolve(name);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(path, Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.READ, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.delete(path); // unlinked at once: from here on only descriptors and mappings keep it alive
            int fd = ownDescriptor(name);
            if (fd < 0) throw new IOException("cannot find the descriptor of " + path + " in " + PROC_SELF_FD);
            // the pages now, while a full /dev/shm can still be told: a mapped page it cannot give is a SIGBUS later
            int errno = Futex.reserve(fd, size);
            if (errno == ENOSPC) {
                throw new ProcessError("cannot create shared memory in " + dir + ": no space left on device for "
                        + size + " bytes (" + Files.getFileStore(dir).getUsableSpace()
                        + " bytes free) [Errno 28]");
            }
            ByteBuffer buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, size); // extends the file
            List<Source> sources = new ArrayList<>(List.of(new Source(PID, fd)));
            SharedMemory segment = new SharedMemory(name, size, buffer, channel, sources);
            ATTACHED.put(name, segment);
            Trace.event(TraceEvent.SHM_CREATE, "name", name, "size", size);
            return segment;
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                closeQuietly(channel);
                try {
                    Files.deleteIfExists(path); // ours: CREATE_NEW succeeded
                } catch (IOException ignored) {
                    // already unlinked, or the sweep of a later process will
                }
            }
            if (e instanceof ProcessError said) throw said;
            throw new ProcessError("cannot create shared memory in " + dir + ": " + e, e);
        }
    }

    /** Maps the segment a handle names, reusing this process's mapping if it has one. */
    private static SharedMemory attach(Handle handle) throws InvalidObjectException {
        SharedMemory known = ATTACHED.get(handle.name);
        if (known != null) return known;
        synchronized (ATTACHED) {
            known = ATTACHED.get(handle.name);
            if (known != null) return known;
            String failures = "";
            for (Source source : handle.sources) {
                Path path = Path.of("/proc", Long.toString(source.pid()), "fd", Integer.toString(source.fd()));
                FileChannel channel = null;
                try {
                    channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
                    int fd = ownDescriptor(handle.name); // also proves that we opened the right file
                    if (fd < 0) throw new IOException(path + " is not " + handle.name);
                    if (channel.size() < handle.size) throw new IOException(path + " is too small");
                    ByteBuffer buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, handle.size);
                    List<Source> sources = new ArrayList<>();
                    sources.add(new Source(PID, fd));
                    for (Source s : handle.sources) if (sources.size() < MAX_SOURCES) sources.add(s);
                    SharedMemory segment = new SharedMemory(handle.name, handle.size, buffer, channel, sources);
                    ATTACHED.put(handle.name, segment);
                    return segment;
                } catch (IOException | RuntimeException e) {
                    closeQuietly(channel);
                    failures += "; " + e;
                }
            }
            throw new InvalidObjectException("cannot map shared memory " + handle.name
                    + ": no process that held it could be reached" + failures);
        }
    }

    /** The number of this process's descriptor whose target is the unlinked segment {@code name}, or -1. */
    private static int ownDescriptor(String name) throws IOException {
        String suffix = "/" + name + " (deleted)";
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(PROC_SELF_FD)) {
            for (Path fd : fds) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                    continue; // closed meanwhile
                }
                if (target.endsWith(suffix)) return Integer.parseInt(fd.getFileName().toString());
            }
        }
        return -1;
    }

    private static Path directory() {
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) return shm;
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /**
     * Removes {@code mpdemo-<pid>-…} files whose process is dead: they can only come from a process killed between
     * creating a segment and unlinking it, a window of one system call. Done once per process.
     */
    private static void sweepStaleFiles() {
        if (swept) return;
        swept = true;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory(), PREFIX + "*")) {
            for (Path file : files) {
                String[] parts = file.getFileName().toString().split("-");
                if (parts.length != 4) continue;
                try {
                    long pid = Long.parseLong(parts[1]);
                    if (!isAlive(pid)) Files.deleteIfExists(file);
                } catch (NumberFormatException | IOException e) {
                    // not ours, or gone already
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort
        }
    }

    /** Whether {@code pid} is stopped (state T, by SIGSTOP or a terminal's Ctrl-Z, or t, by a debugger). */
    public static boolean stopped(long pid) {
        char state = state(pid);
        return state == 'T' || state == 't';
    }

    /** No /proc/PID/stat to read: no such process. */
    private static final char GONE = 0;

    /** The state letter of {@code pid} in /proc/PID/stat; '?' if it cannot be parsed, {@link #GONE} if absent. */
    private static char state(long pid) {
        try {
            String text = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int close = text.lastIndexOf(')');
            return close >= 0 && close + 2 < text.length() ? text.charAt(close + 2) : '?';
        } catch (IOException e) {
            return GONE;
        }
    }

    /** Whether {@code pid} is a live process: a zombie counts as dead. */
    public static boolean isAlive(long pid) {
        if (pid == PID) return true;
        if (PROC) {
            char state = state(pid);
            return state != GONE && state != 'Z' && state != 'X' && state != 'x';
        }
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    /** Number of segments this process maps (for tests). */
    public static int attachedCount() {
        return ATTACHED.size();
    }

    // ---- serialization ------------------------------------------------------------------------------------

    private Object writeReplace() throws ObjectStreamException {
        Reduction.assertSpawning(this);
        return new Handle(name, size, sources.toArray(new Source[0]));
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a segment travels as its Handle");
    }

    /**
     * The segment named as text, for a child that finds it in a system property rather than in its boot:
     * {@code name:size:pid:fd}, this process's descriptor. Read by {@link #attach(String)}.
     */
    public String handleText() {
        Source mine = sources.get(0);
        return name + ":" + size + ":" + mine.pid() + ":" + mine.fd();
    }

    /** Maps the segment {@link #handleText()} names. */
    public static SharedMemory attach(String text) {
        String[] part = text.split(":");
        try {
            if (part.length != 4) throw new InvalidObjectException("not a segment handle: " + text);
            return new Handle(part[0], Integer.parseInt(part[1]),
                    new Source[] {new Source(Long.parseLong(part[2]), Integer.parseInt(part[3]))}).attachChecked();
        } catch (NumberFormatException | ObjectStreamException e) {
            throw new ProcessError("cannot map shared memory " + text + ": " + e.getMessage(), e);
        }
    }

    /** What a segment serializes as. */
    private record Handle(String name, int size, Source[] sources) implements Serializable {
        private Object readResolve() throws ObjectStreamException {
            return attachChecked();
        }

        SharedMemory attachChecked() throws InvalidObjectException {
            if (name == null || !name.startsWith(PREFIX) || size <= 0 || sources == null) {
                throw new InvalidObjectException("corrupt shared memory handle");
            }
            return attach(this);
        }
    }

    @Override
    public String toString() {
        return "<SharedMemory " + name + " size=" + size + ">";
    }

    /**
     * Only a process that creates segments needs the random source: a child that only attaches would pay for the
     * security providers' start-up (tens of milliseconds) for nothing.
     */
    private static final class Names {
        static final SecureRandom RANDOM = new SecureRandom();
    }
}
