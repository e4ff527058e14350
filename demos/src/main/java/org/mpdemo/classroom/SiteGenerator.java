package org.mpdemo.classroom;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Makes the tutorial site: what {@code mpdemo docs} calls. The docs module provides it (through
 * {@link java.util.ServiceLoader}), so that the command line needs AsciidoctorJ only when a site is made.
 */
public interface SiteGenerator {

    /**
     * Runs every demo, writes its page and renders the site into {@code out}.
     *
     * @param sources   the demos' source tree ({@code demos/src/main/java}) the pages include their code from
     * @param timeScale the time scale the demos run at
     * @param progress  where to say what is being done, one line at a time
     */
    void generate(Path out, Path sources, double timeScale, PrintWriter progress) throws Exception;
}
