package org.mpdemo.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpdemo.demos.DemoCatalog;
import org.mpdemo.demos.DemoInfo;

/** Finding, checking and running an interpreter for the Python twins; a broken twin is shown failing. */
class PythonTwinTest {
    @TempDir
    Path dir;

    @Test
    void aMissingInterpreterIsOneReason() {
        assertEquals(Optional.of("no Python interpreter '/nonexistent/python3' (install python3, or name one with "
                + "--python-exe PATH)"), PythonTwin.unusable("/nonexistent/python3"));
    }

    @Test
    void anInterpreterTooOldIsRefused() throws Exception {
        Path old = dir.resolve("python3.6");
        Files.writeString(old, "#!/bin/sh\necho 3.6.9\n");
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rwx------"));
        assertEquals(Optional.of(old + " is Python 3.6.9; the twins need Python 3.8 or later"),
                PythonTwin.unusable(old.toString()));
        assertEquals(Optional.empty(), PythonTwin.unusable("python3"), "this machine's python3 is recent");
    }

    @Test
    void aBrokenTwinFailsWithPythonsOwnTraceback() throws Exception {
        String source;
        try (var in = PythonTwinTest.class.getResourceAsStream("broken_twin.py")) {
            source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        DemoInfo demo = DemoCatalog.find("lock-error-callback").orElseThrow();
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        int status = PythonTwin.of(demo, source).run("python3", Map.of("MPDEMO_TASKS", "3"),
                java.lang.ProcessBuilder.Redirect.to(out.toFile()), java.lang.ProcessBuilder.Redirect.to(err.toFile()));
        assertEquals(1, status);
        assertEquals("about to fail after 3 task\n", Files.readString(out));
        String errors = Files.readString(err);
        assertTrue(errors.startsWith("Traceback (most recent call last):"), errors);
        assertTrue(errors.endsWith("ValueError: this twin is broken on purpose\n"), errors);
    }

    /** Every demo has its twin, beside its source, found by the demo's id. */
    @Test
    void everyDemoHasItsTwin() {
        for (DemoInfo demo : DemoCatalog.all()) {
            assertTrue(PythonTwin.of(demo).isPresent(), demo.id() + " has no twin " + PythonTwin.fileName(demo));
        }
    }
}
