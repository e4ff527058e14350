package org.mpdemo.multiprocessing.internal.launch;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * A class-data archive (AppCDS) for child JVMs: the runtime's classes, already parsed and verified, mapped into
 * every child from one file, which saves each child much of its start-up CPU.
 *
 * <p>The archive is made once per JDK, class path (each jar's path, size and time stamp) and set of child flags,
 * and kept in {@code ~/.cache/mpdemo/cds/}. The first program that starts a child and finds none starts a
 * <em>trainer</em> in the background — a low-priority JVM whose output goes nowhere — and carries on without
 * it. The trainer runs a {@link Pool} of one worker started with {@code -XX:ArchiveClassesAtExit}, lets it exit
 * normally (a dynamic archive is written only then), checks the archive with {@code -Xshare:on} in one more JVM,
 * and moves it into place atomically: a half-written archive can crash a JVM that maps it, so none is ever
 * visible. Later children get {@code -XX:SharedArchiveFile}. A trainer that fails leaves a {@code .failed}
 * file, so that nobody tries again for the same key.
 *
 * <p>Left out, silently: class paths with a directory (CDS archives classes from jars only: the tests run from
 * {@code target/classes}), a cache directory that cannot be written, and {@code -Dmpdemo.cds=false}. A child
 * never reports a problem with the archive: the JVM's CDS messages are turned off for children that use it, and
 * a JVM that cannot use an archive starts without it. If a pool's worker dies before it is ready, this JVM
 * stops using the archive ({@link #startFailed()}).
 */
public final class ClassDataArchive {
    /** {@code -Dmpdemo.cds=false} turns archives off: none is used, none is made. */
    public static final String SWITCH = "mpdemo.cds";
    /**
     * The trainer's main class. It is the pool's (a trainer is a pool of one worker), named here and not linked,
     * because the pool is built on this package and not the other way round.
     */
    public static final String TRAINER = "org.mpdemo.multiprocessing.pool.ArchiveTrainer";

    /** Set in the trainer only: where its worker writes the archive. */
    private static final String TRAIN = "mpdemo.cds.train";
    /** CDS reports a stale archive, or one of a class it cannot store, as warnings: a child must stay quiet. */
    private static final String QUIET = "-Xlog:cds*=off:stderr";
    /** Trainers and checks older than this are given up. */
    private static final long TRAINING_SECONDS = 60;

    /** The archive for the current flags, computed once per flags (guarded by the class). */
    private static List<String> keyedFlags;
    private static Path keyedArchive;
    /** Whether this JVM has started a trainer already, or gave archives up (guarded by the class). */
    private static boolean trainerStarted;
    private static volatile boolean disabled;

    private ClassDataArchive() {
    }

    /**
     * The flags that give a child started with {@code flags} the archive, or none while there is none. When there
     * is none, starts a trainer (once per JVM).
     */
    public static List<String> flagsFor(List<String> flags) {
        String dumpTo = System.getProperty(TRAIN);
        if (dumpTo != null) return List.of("-XX:ArchiveClassesAtExit=" + dumpTo, QUIET);
        if (disabled || "false".equalsIgnoreCase(System.getProperty(SWITCH, ""))) return List.of();
        for (String flag : flags) {
            // the child's own archive settings win
            if (flag.equals("-Xshare:off") || flag.contains("SharedArchive") || flag.contains("ArchiveClasses")
                    || flag.contains("AOTCache") || flag.contains("AOTMode")) {
                return List.of();
            }
        }
        Path archive = archiveFor(flags);
        if (archive == null) return List.of();
        if (Files.isRegularFile(archive)) return List.of("-XX:SharedArchiveFile=" + archive, QUIET);
        startTrainer(archive, flags);
        return List.of();
    }

    /** A pool worker died before it was ready: use no archive from now on, in case the archive was the cause. */
    public static void startFailed() {
        disabled = true;
    }

    private static synchronized Path archiveFor(List<String> flags) {
        if (!flags.equals(keyedFlags)) {
            keyedFlags = List.copyOf(flags);
            keyedArchive = archivePath(Path.of(System.getProperty("user.home"), ".cache", "mpdemo", "cds"),
                    System.getProperty("java.home"), System.getProperty("java.vm.version"),
                    System.getProperty("java.class.path"), flags);
        }
        return keyedArchive;
    }

    /**
     * Where the archive for this JDK, class path and flags goes: {@code DIR/WHERE-WHAT.jsa}, WHERE a digest of
     * the JDK's and the jars' paths and the flags, WHAT of what a rebuild or an update changes (the JVM's version,
     * the jars' sizes and time stamps): a new archive replaces those of the same WHERE. Null if the class path
     * cannot be archived: a directory on it, or nothing.
     */
    public static Path archivePath(Path dir, String javaHome, String vmVersion, String classPath, List<String> flags) {
        if (classPath == null || classPath.isEmpty()) return null;
        StringBuilder where = new StringBuilder(javaHome).append('\n');
        StringBuilder what = new StringBuilder(vmVersion).append('\n');
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.isEmpty()) return null; // the current directory
            Path path = Path.of(entry).toAbsolutePath();
            where.append(path).append('\n');
            try {
                BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                if (attributes.isDirectory()) return null;
                what.append(attributes.size()).append(' ').append(attributes.lastModifiedTime().toMillis());
            } catch (IOException e) {
                what.append('-'); // missing: the JVM skips it, and so does the archive
            }
            what.append('\n');
        }
        for (String flag : flags) where.append(flag).append('\n');
        return dir.resolve(digest(where) + "-" + digest(what) + ".jsa");
    }

    private static String digest(CharSequence text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(16);
            for (int i = 0; i < 8; i++) {
                hex.append(Character.forDigit((hash[i] >> 4) & 15, 16)).append(Character.forDigit(hash[i] & 15, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- the parent: starting a trainer ------------------------------------------------------------------

    private static synchronized void startTrainer(Path archive, List<String> flags) {
        if (trainerStarted) return;
        trainerStarted = true;
        if (Files.exists(failedMarker(archive))) return;
        try {
            Files.createDirectories(archive.getParent());
            if (!Files.isWritable(archive.getParent())) return;
        } catch (IOException | RuntimeException e) {
            return; // no cache: no archive
        }
        List<String> trainerFlags = new ArrayList<>(Spawner.CHILD_FLAGS);
        String extra = System.getProperty(Spawner.JVM_ARGS);
        if (extra != null) trainerFlags.add("-D" + Spawner.JVM_ARGS + "=" + extra);
        trainerFlags.add("-D" + TRAIN + "=" + archive);
        // in the background: the trainer's own children inherit its low priority
        ProcessBuilder builder = new ProcessBuilder(Spawner.helperCommand(true, trainerFlags, TRAINER,
                String.join("\n", flags)))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().remove("MPDEMO_TRACE"); // the training is no part of the program's trace
        try {
            builder.start().getOutputStream().close(); // it reads nothing; it outlives us if we end first
        } catch (IOException | RuntimeException e) {
            // no trainer: no archive
        }
    }

    private static Path failedMarker(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ".failed");
    }

    // ---- the trainer -------------------------------------------------------------------------------------

    /** {@code check}: does nothing, for the {@code -Xshare:on} check of a new archive. */
    public static void main(String[] args) {
        System.exit(0);
    }

    /** In the trainer: where the archive goes, from {@code -Dmpdemo.cds.train}. */
    public static Path trainingTarget() {
        return Path.of(System.getProperty(TRAIN));
    }

    /** In the trainer: gives up a training that is stuck, after {@link #TRAINING_SECONDS}. */
    public static void giveUpLater() {
        Thread timer = new Thread(() -> {
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(TRAINING_SECONDS));
            } catch (InterruptedException e) {
                return;
            }
            Runtime.getRuntime().halt(1); // a stuck training: the next trainer removes what is left
        });
        timer.setDaemon(true);
        timer.start();
    }

    /**
     * In the trainer: makes {@code archive} unless another trainer is at it or it exists. {@code runWorker} runs
     * one worker to its normal exit, started while {@code -Dmpdemo.cds.train} names the part file it dumps to.
     */
    public static void train(Path archive, List<String> flags, Runnable runWorker) throws IOException {
        Path dir = archive.getParent();
        Path lockFile = archive.resolveSibling(archive.getFileName() + ".lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) return; // another trainer is at it
            if (Files.exists(archive) || Files.exists(failedMarker(archive))) return;
            removeParts(archive); // left by a trainer that was stopped
            Path part = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + ".part");
            String failure = null;
            try {
                System.setProperty(TRAIN, part.toString()); // the worker dumps there
                runWorker.run(); // it exits normally: only then does the JVM write the archive
                if (!Files.isRegularFile(part) || Files.size(part) == 0) {
                    failure = "the worker wrote no archive";
                } else if (!check(part, flags)) {
                    failure = "the archive does not load with -Xshare:on";
                } else {
                    Files.move(part, archive, StandardCopyOption.ATOMIC_MOVE);
                    removeStale(dir, archive);
                }
            } catch (IOException | RuntimeException e) {
                failure = String.valueOf(e);
            } finally {
                Files.deleteIfExists(part);
            }
            if (failure != null) Files.writeString(failedMarker(archive), failure + "\n");
        }
    }

    /** The training task, in the worker: loads every class of the runtime, so that the archive holds them all. */
    public static int loadRuntimeClasses() throws IOException {
        int loaded = 0;
        ClassLoader loader = ClassDataArchive.class.getClassLoader();
        String prefix = "org/mpdemo/multiprocessing/";
        File jar;
        try {
            jar = new File(ClassDataArchive.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        try (JarFile file = new JarFile(jar)) {
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                String name = entries.nextElement().getName();
                if (!name.startsWith(prefix) || !name.endsWith(".class") || name.endsWith("module-info.class")) {
                    continue;
                }
                try {
                    Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, loader);
                    loaded++;
                } catch (ClassNotFoundException | LinkageError e) {
                    // not needed then
                }
            }
        }
        return loaded;
    }

    /** Whether a JVM with the children's flags starts with the archive, required: {@code -Xshare:on}. */
    private static boolean check(Path part, List<String> flags) {
        List<String> checkFlags = new ArrayList<>(flags);
        checkFlags.addAll(List.of("-Xshare:on", "-XX:SharedArchiveFile=" + part, QUIET));
        List<String> command = Spawner.helperCommand(false, checkFlags, ClassDataArchive.class.getName(), "check");
        try {
            java.lang.Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            if (!p.waitFor(TRAINING_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void removeParts(Path archive) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(archive.getParent(),
                archive.getFileName() + ".*.part")) {
            for (Path file : files) Files.deleteIfExists(file);
        } catch (IOException | RuntimeException e) {
            // left for next time
        }
    }

    /** Archives for the same JDK and class path made before the jars or flags changed. */
    private static void removeStale(Path dir, Path archive) {
        String name = archive.getFileName().toString();
        String where = name.substring(0, name.indexOf('-') + 1);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, where + "*")) {
            for (Path file : files) {
                String other = file.getFileName().toString();
                if (!other.startsWith(name)
                        && (other.endsWith(".jsa") || other.endsWith(".failed") || other.endsWith(".lock"))) {
                    Files.deleteIfExists(file); // a child that has it mapped keeps its mapping
                }
            }
        } catch (IOException | RuntimeException e) {
            // left for next time
        }
    }
}
