package org.mpdemo.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import org.mpdemo.classroom.DemoSource;
import org.mpdemo.classroom.ScratchFiles;
import org.mpdemo.classroom.SiteGenerator;
import org.mpdemo.demos.DemoCatalog;
import org.mpdemo.demos.DemoInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mpdemo docs --out DIR}: the tutorial site, made from real runs of every demo. */
@Command(name = "docs",
        description = {
            "Makes the tutorial site from real runs of every demo.",
            "In DIR: a page per topic with each demo's explanation, its code, the output "
                    + "of a real run and a timeline of it; outcome tables and histograms for the races; and the "
                    + "manual pages of these commands. Open DIR/index.html in a browser.",
            "Every demo runs first (two at a time), so this takes a minute or two."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:the site is made", "1:it could not be made (the reason is on standard error)",
            "2:bad option value"},
        footerHeading = "%nExample:%n",
        footer = {"  mpdemo docs --out /tmp/site"})
final class DocsCommand implements Callable<Integer>, Mpdemo.RunsDemos {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Where to make the site.")
    Path out;

    @Option(names = "--time-scale", paramLabel = "F", defaultValue = "0.01", converter = Converters.TimeScale.class,
            description = "The time scale the demos run at (default: ${DEFAULT-VALUE}).")
    double timeScale;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (Files.exists(out) && !Files.isDirectory(out)) {
            return fail(err, Mpdemo.USAGE, "--out: " + out + " is not a directory");
        }
        try {
            Files.createDirectories(out); // first: a folder that cannot be made is the command line's fault
        } catch (java.io.IOException e) {
            return fail(err, Mpdemo.USAGE, "--out: cannot make the folder " + out + ": " + Mpdemo.reason(e));
        }
        Optional<SiteGenerator> generator = ServiceLoader.load(SiteGenerator.class).findFirst();
        if (generator.isEmpty()) {
            return fail(err, Mpdemo.DEMO_FAILED, "the site builder (the docs module) is not on the class path; "
                    + "run this command through ./mpdemo, which builds it");
        }
        Path temporary = null;
        Path sources = sourceTree();
        if (sources == null) {
            temporary = ScratchFiles.directory("sources");
            sources = writeSources(temporary);
        }
        try {
            generator.get().generate(out.toAbsolutePath(), sources, timeScale,
                    new PrintWriter(spec.commandLine().getOut(), true));
            return Mpdemo.OK;
        } catch (java.io.IOException e) {
            return fail(err, Mpdemo.DEMO_FAILED, "docs: could not write the site to " + out + ": " + Mpdemo.reason(e));
        } catch (Exception e) {
            return fail(err, Mpdemo.DEMO_FAILED, "docs: " + Mpdemo.oneLine(e.getMessage()));
        } finally {
            if (temporary != null) ScratchFiles.delete(temporary);
        }
    }

    /** The demos' source tree of the clone the launcher runs from ({@code MPDEMO_HOME}), if there is one. */
    static Path sourceTree() {
        String home = System.getenv("MPDEMO_HOME");
        if (home == null) return null;
        Path tree = Path.of(home, "demos", "src", "main", "java");
        return Files.isDirectory(tree) ? tree : null;
    }

    /** Without a clone: the demos' sources as the jar carries them, laid out as a source tree. */
    static Path writeSources(Path root) throws IOException {
        for (DemoInfo demo : DemoCatalog.all()) {
            Path file = root.resolve(demo.mainClass().getName().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, String.join("\n", DemoSource.of(demo.mainClass()).lines()) + "\n",
                    StandardCharsets.UTF_8);
        }
        return root;
    }

    private static int fail(PrintWriter err, int status, String message) {
        err.println("mpdemo: " + message);
        err.flush();
        return status;
    }
}
