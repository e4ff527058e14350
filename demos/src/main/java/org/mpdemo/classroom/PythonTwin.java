package org.mpdemo.classroom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.mpdemo.demos.DemoInfo;

/**
 * A demo's Python twin: the program the Java demo is, written in the tutorial's Python, beside the demo's source
 * ({@code lock/lock_error_callback.py} next to {@code LockErrorCallback.java}) and packaged with it. It takes the
 * same settings through {@code MPDEMO_*} variables, which the shared {@code tutorial.py} reads.
 */
public final class PythonTwin {
    /** The oldest CPython the twins are written for. */
    static final int[] OLDEST = {3, 8};

    private final DemoInfo demo;
    private final String source;

    private PythonTwin(DemoInfo demo, String source) {
        this.demo = demo;
        this.source = source;
    }

    /** The twin of {@code demo}, if it has one. */
    public static Optional<PythonTwin> of(DemoInfo demo) {
        return read(demo.mainClass(), fileName(demo)).map(text -> new PythonTwin(demo, text));
    }

    /** A twin of {@code demo} with this source: for a test's deliberately broken one. */
    static PythonTwin of(DemoInfo demo, String source) {
        return new PythonTwin(demo, source);
    }

    /**
     * {@code lock-error-callback}: {@code lock_error_callback.py}; a name of the standard library gets
     * {@code _demo} ({@code queue_demo.py}), since a script's folder comes first on Python's path.
     */
    static String fileName(DemoInfo demo) {
        String name = demo.id().replace('-', '_');
        return (STANDARD_MODULES.contains(name) ? name + "_demo" : name) + ".py";
    }

    private static final java.util.Set<String> STANDARD_MODULES = java.util.Set.of("queue", "random", "time");

    public String fileName() {
        return fileName(demo);
    }

    /** The program, as a reader sees it. */
    public List<String> program() {
        return source.lines().toList();
    }

    /** Why an interpreter cannot run the twins — not there, not Python 3.8 or later — or empty if it can. */
    public static Optional<String> unusable(String python) {
        String version;
        try {
            Process probe = new ProcessBuilder(python, "-c",
                    "import sys; print('%d.%d.%d' % sys.version_info[:3])").redirectErrorStream(true).start();
            probe.getOutputStream().close();
            String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!probe.waitFor(30, TimeUnit.SECONDS) || probe.exitValue() != 0 || !out.matches("\\d+\\.\\d+\\.\\d+")) {
                probe.destroyForcibly();
                return Optional.of(python + " is not a Python interpreter that works here");
            }
            version = out;
        } catch (IOException e) {
            return Optional.of("no Python interpreter '" + python + "' (install python3, or name one with "
                    + "--python-exe PATH)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while asking " + python + " its version");
        }
        String[] parts = version.split("\\.");
        int major = Integer.parseInt(parts[0]);
        int minor = Integer.parseInt(parts[1]);
        if (major < OLDEST[0] || (major == OLDEST[0] && minor < OLDEST[1])) {
            return Optional.of(python + " is Python " + version + "; the twins need Python " + OLDEST[0] + "."
                    + OLDEST[1] + " or later");
        }
        return Optional.empty();
    }

    /**
     * Runs the twin on {@code python} with the demo settings in {@code settings} ({@code MPDEMO_TIME_SCALE} …),
     * its output and errors going where this process's go; returns its exit status. The twin and
     * {@code tutorial.py} are written to a scratch folder, removed after.
     */
    public int run(String python, Map<String, String> settings) throws IOException, InterruptedException {
        return run(python, settings, ProcessBuilder.Redirect.INHERIT, ProcessBuilder.Redirect.INHERIT);
    }

    /** The same, with its output and errors sent to {@code out} and {@code err}. */
    int run(String python, Map<String, String> settings, ProcessBuilder.Redirect out, ProcessBuilder.Redirect err)
            throws IOException, InterruptedException {
        Path dir = ScratchFiles.directory("python");
        try {
            Path twin = dir.resolve(fileName());
            Files.writeString(twin, source, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("tutorial.py"), read(DemoInfo.class, "tutorial.py").orElseThrow(),
                    StandardCharsets.UTF_8);
            ProcessBuilder builder = new ProcessBuilder(python, twin.toString()).redirectOutput(out)
                    .redirectError(err).redirectInput(ProcessBuilder.Redirect.INHERIT);
            builder.environment().put("PYTHONPATH", dir.toString());
            builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
            builder.environment().putAll(settings);
            Process process = builder.start();
            try {
                return process.waitFor();
            } finally {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } finally {
            ScratchFiles.delete(dir);
        }
    }

    /** A text resource beside {@code type}'s class file. */
    private static Optional<String> read(Class<?> type, String name) {
        try (InputStream in = type.getResourceAsStream(name)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
