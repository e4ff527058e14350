package org.mpdemo.docs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mpdemo.classroom.DemoProcess;
import org.mpdemo.classroom.ForcedSequence;
import org.mpdemo.classroom.Observation;

/**
 * One of the tutorial's three interleavings of the bank race, forced by its schedule in a real run of
 * {@code mpdemo run bank-race}, which also drew its first round as a sequence diagram and as an SVG picture.
 */
record ForcedRun(ForcedSequence sequence, String command, Observation run, String image) {

    static ForcedRun of(ForcedSequence sequence, Path picture, double timeScale) {
        List<String> options = new ArrayList<>(sequence.options());
        options.add("--diagram");
        options.addAll(List.of("--time-scale", Capture.number(timeScale)));
        String command = "./mpdemo run bank-race " + String.join(" ", options);
        options.addAll(List.of("--svg", picture.toString()));
        Observation run = DemoProcess.runWith("bank-race", options, 120);
        if (run.exitCode() != 0 || !Files.isRegularFile(picture)) {
            throw new IllegalStateException(command + " ended with status " + run.exitCode() + " and no picture: "
                    + String.join(" / ", run.errorLines()));
        }
        return new ForcedRun(sequence, command, run, picture.getFileName().toString());
    }
}
