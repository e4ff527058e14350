package org.mpdemo.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.mpdemo.multiprocessing.Schedules;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The option values the commands accept, checked while picocli parses the command line: a value out of range is
 * a usage error like a value of the wrong type, reported by {@link Mpdemo} as one line with exit status 2.
 */
final class Converters {
    private Converters() {
    }

    /** A time scale: a finite number above 0 (0.1 runs ten times faster, 2 twice as slow). */
    static final class TimeScale implements ITypeConverter<Double> {
        @Override
        public Double convert(String text) {
            double value;
            try {
                value = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + text + "' is not a number");
            }
            if (!Double.isFinite(value) || value <= 0) {
                throw new TypeConversionException("must be a finite number above 0, such as 0.1 or 2 (got " + text
                        + ")");
            }
            return value;
        }
    }

    /** A count of 1 or more: workers, runs, jobs. */
    static final class AtLeastOne implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            return atLeast(1, text);
        }
    }

    /**
     * A pool's size: 1 to {@value #MOST}. Each worker is a JVM of its own, with a few tens of MB of memory and a
     * start-up of a good fraction of a CPU-second: a few hundred would bring the machine to its knees.
     */
    static final class Workers implements ITypeConverter<Integer> {
        static final int MOST = 64;

        @Override
        public Integer convert(String text) {
            return between(1, MOST, text, "", ": each worker is a JVM of its own");
        }
    }

    /** A count of 0 or more: tasks. */
    static final class AtLeastZero implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            return atLeast(0, text);
        }
    }

    /** A text drawing's width: 40 columns (room for the labels) to 400 (wider than any terminal). */
    static final class Width implements ITypeConverter<Integer> {
        static final int MOST = 400;

        @Override
        public Integer convert(String text) {
            return between(40, MOST, text, " columns", "");
        }
    }

    /** A file to write (a picture): its folder must exist, and it must not be a folder itself. */
    static final class OutputFile implements ITypeConverter<Path> {
        @Override
        public Path convert(String text) {
            Path file = Path.of(text);
            Path folder = file.toAbsolutePath().getParent();
            if (Files.isDirectory(file)) throw new TypeConversionException("cannot write " + text + ": it is a folder");
            if (folder != null && !Files.isDirectory(folder)) {
                throw new TypeConversionException("cannot write " + text + ": the folder " + folder
                        + " does not exist");
            }
            return file;
        }
    }

    /** A schedule: process numbers from 1, comma-separated, such as 1,2,1,2. */
    static final class Schedule implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            try {
                return String.join(",", java.util.Arrays.stream(Schedules.parse(text)).mapToObj(Integer::toString)
                        .toList());
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A whole number from {@code least} to {@code most}; a refusal says the range, in {@code unit}, and why. */
    private static int between(int least, int most, String text, String unit, String why) {
        int value = atLeast(least, text);
        if (value > most) {
            throw new TypeConversionException("must be from " + least + " to " + most + unit + " (got " + value + ")"
                    + why);
        }
        return value;
    }

    private static int atLeast(int least, String text) {
        int value;
        try {
            value = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' is not a whole number");
        }
        if (value < least) throw new TypeConversionException("must be " + least + " or more (got " + value + ")");
        return value;
    }
}
