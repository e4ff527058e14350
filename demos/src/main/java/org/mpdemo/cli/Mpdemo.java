package org.mpdemo.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.mpdemo.classroom.ParentWatch;
import org.mpdemo.multiprocessing.Multiprocessing;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code mpdemo} command: lists the demos and runs one of them.
 *
 * <p>Exit status: 0 when the command (or the demo) finished normally, 1 when the demo raised an error, 2 for a
 * command line that cannot be run (unknown command or demo, bad option value). Every error the command line
 * itself reports is one line on standard error.
 */
@Command(name = "mpdemo",
        // inherited by every subcommand: --help and --version, the version from VersionProvider
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        subcommands = {ListCommand.class, RunCommand.class, ExploreCommand.class, StepCommand.class, ExplainCommand.class,
            TimelineCommand.class, VerifyCommand.class, WalkthroughCommand.class, DocsCommand.class,
            AutoComplete.GenerateCompletion.class, CommandLine.HelpCommand.class},
        description = {
            "Python multiprocessing tutorials, reproduced in Java with real processes: every pool worker is a "
                    + "child JVM.",
            "Each demo is one tutorial program; it prints what the program prints."},
        footer = {"", "Start with 'mpdemo list', then try 'mpdemo run lock-error-callback'."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:finished normally",
            "1:the demo raised an error (a short trace is on standard error)",
            "2:the command line was wrong (unknown demo, bad option value)"})
public final class Mpdemo implements Callable<Integer> {
    static final int OK = 0;
    static final int DEMO_FAILED = 1;
    static final int USAGE = 2;

    @Spec
    CommandSpec spec;


    /** Without a subcommand there is nothing to do: show the usage, as for any other usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    public static void main(String[] args) {
        ParentWatch.startIfAsked(); // a demo run by another command of the kit ends with it
        int status = commandLine().execute(args);
        System.out.flush();
        System.exit(status);
    }

    /** The command line as {@link #main} runs it: one-line errors, exit codes 0 / 1 / 2. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Mpdemo());
        // picocli hides its completion command; here it is one of the commands a user should find
        CommandLine completion = cli.getSubcommands().get("generate-completion");
        completion.getCommandSpec().usageMessage().hidden(false)
                .description("Prints a bash/zsh completion script for mpdemo.",
                        "It completes commands, options, demo ids and walkthrough topics. Use it with:",
                        "  source <(./mpdemo generate-completion)");
        // picocli's own two commands inherit this command's footer and exit codes too; those speak of demos
        for (CommandLine builtIn : List.of(completion, cli.getSubcommands().get("help"))) {
            builtIn.getCommandSpec().usageMessage().footer(new String[0]).exitCodeListHeading("")
                    .exitCodeList(Map.of());
        }
        cli.setExecutionStrategy(Mpdemo::execute);
        cli.setParameterExceptionHandler(Mpdemo::usageError);
        cli.setExecutionExceptionHandler(Mpdemo::internalError);
        return cli;
    }

    /** A command that starts demo processes; on a system the runtime does not support it fails at once. */
    interface RunsDemos {
    }

    /** Runs the command, unless it is one that runs demos (and no help was asked for) on a system without Linux. */
    private static int execute(ParseResult parsed) {
        ParseResult command = parsed;
        while (command.hasSubcommand()) command = command.subcommand();
        Optional<String> problem = Multiprocessing.unsupportedPlatform();
        if (problem.isPresent() && command.commandSpec().userObject() instanceof RunsDemos
                && !command.isUsageHelpRequested() && !command.isVersionHelpRequested()) {
            PrintWriter err = command.commandSpec().commandLine().getErr();
            err.println(problem.get()); // it starts with "mpdemo needs Linux"
            err.flush();
            return DEMO_FAILED;
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    /** Picocli's own complaint (unknown option, missing ID, value of the wrong type) as one line; exit 2. */
    private static int usageError(ParameterException error, String[] args) {
        CommandLine cli = error.getCommandLine();
        String message = oneLine(error.getMessage());
        if (error instanceof UnmatchedArgumentException unmatched && cli.getParent() == null
                && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")) {
            String typed = unmatched.getUnmatched().get(0);
            List<String> close = Suggestions.closest(typed, cli.getSubcommands().keySet(), 3);
            message = "unknown command '" + typed + "'"
                    + (close.isEmpty() ? "" : "; did you mean: " + String.join(", ", close) + "?");
        }
        PrintWriter err = cli.getErr();
        err.println("mpdemo: " + message + " (try '" + cli.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return USAGE;
    }

    /** A failure of the command line itself, not of a demo (a demo's errors are handled by {@code run}). */
    private static int internalError(Exception error, CommandLine cli, ParseResult parsed) {
        PrintWriter err = cli.getErr();
        err.println("mpdemo: internal error: " + oneLine(ShortTrace.lastLine(error)));
        err.flush();
        return DEMO_FAILED;
    }

    /**
     * Why a file could not be read or written, as the end of a sentence in our words ("it is not UTF-8 text",
     * "permission denied"), not Java's (which is often only the file's name, or "Input length = 1").
     */
    static String reason(Exception e) {
        if (e instanceof java.nio.charset.CharacterCodingException) return "it is not UTF-8 text";
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file or folder";
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.FileAlreadyExistsException) return "a file of that name is in the way";
        if (e instanceof java.nio.file.FileSystemException f) {
            return f.getReason() != null ? f.getReason().toLowerCase(java.util.Locale.ROOT) : "the system refused it";
        }
        return oneLine(e.getMessage());
    }

    static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
