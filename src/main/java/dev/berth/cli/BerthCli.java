package dev.berth.cli;

import dev.berth.platform.BerthVersion;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code berth} command line: the same registry client as the desktop app, for scripts.
 * Exit codes: 0 ok, 1 error, 2 usage. Results go to stdout, errors to stderr.
 */
@Command(name = "berth", mixinStandardHelpOptions = true, versionProvider = BerthCli.Version.class,
        description = "Browse and manage Docker/OCI container registries.",
        subcommands = {ReposCommand.class, TagsCommand.class, InspectCommand.class, RmCommand.class, CleanupCommand.class, CopyCommand.class, TagCommand.class,
                UndoCommand.class})
public final class BerthCli implements Runnable {

    public static final int OK = 0;
    public static final int ERROR = 1;
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: repos, tags, inspect, rm, cleanup, undo, copy or tag");
    }

    public static void main(String[] args) {
        System.exit(run(CliEnvironment.system(), args));
    }

    /** Runs one command line in {@code environment}; returns the exit code. */
    public static int run(CliEnvironment given, String... args) {
        // Registry text (names, error messages) reaches the terminal only escaped, whichever command prints it.
        CliEnvironment environment = given.withStreams(Output.terminalSafe(given.out()), Output.terminalSafe(given.err()));
        CommandLine commandLine = new CommandLine(new BerthCli(), new CliFactory(environment));
        commandLine.setOut(environment.out());
        commandLine.setErr(environment.err());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            err.println("berth: " + CliErrors.describe(e));
            err.flush();
            return ERROR;
        });
        commandLine.setParameterExceptionHandler(new UnknownOptions(commandLine.getParameterExceptionHandler()));
        commandLine.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? USAGE : ERROR);
        int code = commandLine.execute(args);
        environment.out().flush();
        environment.err().flush();
        return code;
    }

    /** The pom's version, the same the About dialog shows. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"berth " + BerthVersion.current()};
        }
    }
}
