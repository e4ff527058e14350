package org.mpdemo.multiprocessing.internal.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mpdemo.multiprocessing.Process;
import org.mpdemo.multiprocessing.internal.server.ServerMain;

/**
 * The children's class-data archive: made in the background by the first program that starts a child from jars,
 * used by the next, and never a line of output either time. The tests run from {@code target/classes}, which
 * CDS cannot archive, so these build a jar and run programs from it, each with its own home directory.
 */
@Timeout(120)
class ClassDataArchiveTest {
    @TempDir
    Path tmp;

    @Test
    void theArchiveIsNamedAfterTheJdkTheJarsAndTheFlags() throws IOException {
        Path jar = Files.writeString(tmp.resolve("a.jar"), "not really a jar");
        Path dir = tmp.resolve("cds");
        List<String> flags = List.of("-XX:+UseSerialGC");
        Path archive = ClassDataArchive.archivePath(dir, "/jdk", "17.0.1", jar.toString(), flags);
        assertNotNull(archive);
        assertEquals(dir, archive.getParent());
        assertEquals(archive, ClassDataArchive.archivePath(dir, "/jdk", "17.0.1", jar.toString(), flags));
        String name = archive.getFileName().toString();
        String where = name.substring(0, name.indexOf('-'));

        // a rebuilt jar or an updated JDK: a new archive, which replaces this one (same prefix)
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 2000));
        Path rebuilt = ClassDataArchive.archivePath(dir, "/jdk", "17.0.1", jar.toString(), flags);
        assertNotEquals(archive, rebuilt);
        assertTrue(rebuilt.getFileName().toString().startsWith(where + "-"));
        Path updated = ClassDataArchive.archivePath(dir, "/jdk", "17.0.2", jar.toString(), flags);
        assertNotEquals(rebuilt, updated);
        assertTrue(updated.getFileName().toString().startsWith(where + "-"));

        // other flags: an archive of their own, beside this one
        Path other = ClassDataArchive.archivePath(dir, "/jdk", "17.0.1", jar.toString(), List.of("-XX:+UseG1GC"));
        assertFalse(other.getFileName().toString().startsWith(where + "-"));

        // classes from a directory cannot be archived
        assertNull(ClassDataArchive.archivePath(dir, "/jdk", "17.0.1",
                jar + File.pathSeparator + tmp, flags));
        assertNull(ClassDataArchive.archivePath(dir, "/jdk", "17.0.1", "", flags));
    }

    @Test
    void theFirstRunMakesTheArchiveQuietlyAndTheNextUsesIt() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        // class loading logged by every child: the flag is part of the archive's key, so the trainer's worker has it too
        String log = "-Xlog:class+load:file=" + logs.resolve("load-%p.log") + ":none";

        assertEquals("49\n", run(home, "-Dmpdemo.child.jvmArgs=" + log));
        Path cds = home.resolve(".cache/mpdemo/cds");
        Path archive = awaitArchive(cds);
        assertTrue(Files.size(archive) > 0);
        try (Stream<Path> files = Files.list(cds)) {
            assertEquals(List.of(), files.filter(f -> f.toString().endsWith(".part") || f.toString().endsWith(".failed"))
                    .collect(Collectors.toList()));
        }

        clear(logs);
        assertEquals("49\n", run(home, "-Dmpdemo.child.jvmArgs=" + log));
        String worker = workerLog(logs);
        assertTrue(worker.contains("org.mpdemo.multiprocessing.internal.launch.ChildMain source: shared objects file (top)"), worker);

        clear(logs);
        assertEquals("49\n", run(home, "-Dmpdemo.child.jvmArgs=" + log, "-Dmpdemo.cds=false"));
        assertTrue(workerLog(logs).contains("org.mpdemo.multiprocessing.internal.launch.ChildMain source: file:"));
    }

    @Test
    void theTrainingLoadsWhatAManagerServerStartsWithAndLeavesNothingBehind() throws Exception {
        Path tmpdir = Path.of(System.getProperty("java.io.tmpdir"));
        ServerMain.exerciseForArchive();
        try (Stream<Path> left = Files.list(tmpdir)) {
            assertEquals(List.of(), left.filter(f -> f.getFileName().toString().startsWith("mpdemo-cds-training-"))
                    .collect(Collectors.toList()));
        }
    }

    @Test
    void anUnwritableCacheMeansNoArchiveAndNoComplaint() throws Exception {
        Path home = Files.writeString(tmp.resolve("home-is-a-file"), ""); // ~/.cache cannot be made
        assertEquals("49\n", run(home));
        assertEquals("49\n", run(home));
    }

    /** Runs {@link ClassDataArchiveMain} from a jar with {@code home} as its home; returns its output. */
    private String run(Path home, String... properties) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Duser.home=" + home);
        command.addAll(List.of(properties));
        command.add("-cp");
        command.add(classPath());
        command.add(ClassDataArchiveMain.class.getName());
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        java.lang.Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the program did not end");
        assertEquals("", Files.readString(err), "standard error");
        assertEquals(0, p.exitValue());
        return Files.readString(out);
    }

    /** A jar of the runtime's and this test's classes, then the jars of the test's own class path. */
    private String classPath() throws IOException, URISyntaxException {
        Path jar = tmp.resolve("app.jar");
        if (!Files.exists(jar)) {
            Path classes = Path.of(ChildMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path testClasses = Path.of(
                    ClassDataArchiveMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
                addTree(out, classes, classes);
                String main = ClassDataArchiveMain.class.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(main));
                Files.copy(testClasses.resolve(main), out);
            }
        }
        List<String> path = new ArrayList<>();
        path.add(jar.toString());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith(".jar")) path.add(entry);
        }
        return String.join(File.pathSeparator, path);
    }

    private static void addTree(JarOutputStream out, Path root, Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                if (Files.isDirectory(file)) {
                    addTree(out, root, file);
                } else {
                    out.putNextEntry(new JarEntry(root.relativize(file).toString().replace(File.separatorChar, '/')));
                    Files.copy(file, (OutputStream) out);
                }
            }
        }
    }

    /** Waits for the trainer's archive (or its failure marker) to appear: on the directory's events, bounded. */
    private static Path awaitArchive(Path cds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        Files.createDirectories(cds);
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            cds.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            while (true) {
                try (Stream<Path> files = Files.list(cds)) { // after registering: nothing created is missed
                    List<Path> found = files.filter(f -> f.toString().endsWith(".jsa") || f.toString().endsWith(".failed"))
                            .collect(Collectors.toList());
                    if (!found.isEmpty()) {
                        Path first = found.get(0);
                        assertTrue(first.toString().endsWith(".jsa"),
                                () -> "training failed: " + read(first));
                        return first;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) throw new AssertionError("no archive after 90 s in " + cds);
                WatchKey key = watch.poll(left, TimeUnit.NANOSECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** The class-loading log of the pool's worker: the one that loaded ChildMain. */
    private static String workerLog(Path logs) throws IOException {
        try (Stream<Path> files = Files.list(logs)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                if (text.contains("org.mpdemo.multiprocessing.internal.launch.ChildMain ")) return text;
            }
        }
        throw new AssertionError("no worker log in " + logs);
    }

    private static void clear(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) Files.delete(file);
        }
    }
}
