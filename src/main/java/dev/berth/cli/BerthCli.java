package dev.berth.cli;

import dev.berth.platform.BerthVersion;
import dev.berth.platform.LogDirectory;
import dev.berth.platform.Logging;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code berth} command line: the same registry client as the desktop app, for scripts.
 * Exit codes: 0 ok, 1 error, 2 usage. Results go to stdout, errors to stderr.
 */
@Command(name = "berth", mixinStandardHelpOptions = true, versionProvider = BerthCli.Version.class,
        description = "Browse and manage Docker/OCI container registries.")
public final class BerthCli implements Runnable {

    /**
     * The subcommands, added by {@link #commandLine} rather than listed in {@code @Command}: picocli
     * builds the model of every command it is given (reflection over all options, a few hundred
     * milliseconds of start-up), and one run needs only the command it runs.
     */
    static final List<Class<?>> COMMANDS = List.of(ReposCommand.class, TagsCommand.class, InspectCommand.class, RmCommand.class,
            CleanupCommand.class, CopyCommand.class, TagCommand.class, ImagesCommand.class, UndoCommand.class,
            DemoCommand.class, ConnectionsCommand.class);

    public static final int OK = 0;
    public static final int ERROR = 1;
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Log every registry request to berth-cli.log in Berth's log directory (for a bug report).")
    boolean verbose;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: repos, tags, inspect, rm, cleanup, undo, copy, tag, images, "
                + "demo or connections");
    }

    public static void main(String[] args) {
        System.exit(run(CliEnvironment.system(), args));
    }

    /** Runs one command line in {@code environment}; returns the exit code. */
    public static int run(CliEnvironment given, String... args) {
        // Registry text (names, error messages) reaches the terminal only escaped, whichever command prints it.
        CliEnvironment environment = given.withStreams(Output.terminalSafe(given.out()), Output.terminalSafe(given.err()));
        CommandLine commandLine = commandLine(environment, args);
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
        commandLine.setExecutionStrategy(parsed -> {
            if (!asksForVerbose(parsed)) return new CommandLine.RunLast().execute(parsed);
            Path directory = LogDirectory.of(System.getProperty("os.name", ""), environment.variables(), environment.home());
            Optional<Path> log = Logging.writeTo(directory, "berth-cli", true);
            LoggerFactory.getLogger(BerthCli.class).info("berth {} {}", BerthVersion.current(), String.join(" ", parsed.originalArgs()));
            try {
                return new CommandLine.RunLast().execute(parsed);
            } finally {
                Logging.off();
                log.ifPresent(file -> environment.err().println("berth: log written to " + file));
            }
        });
        int code = commandLine.execute(args);
        environment.out().flush();
        environment.err().flush();
        return code;
    }

    /** The command line for {@code args}: with only the command they name, or with every command (help, a typo). */
    static CommandLine commandLine(CliEnvironment environment, String... args) {
        CommandLine commandLine = new CommandLine(new BerthCli(), new CliFactory(environment));
        Optional<Class<?>> named = args.length == 0 ? Optional.empty()
                : COMMANDS.stream().filter(c -> c.getAnnotation(Command.class).name().equals(args[0])).findFirst();
        named.map(List::<Class<?>>of).orElse(COMMANDS).forEach(commandLine::addSubcommand);
        // Every command answers --help (and -h) with its own usage, as the top level does.
        commandLine.getSubcommands().values().forEach(sub -> sub.getCommandSpec().addOption(helpOption()));
        return commandLine;
    }

    private static CommandLine.Model.OptionSpec helpOption() {
        return CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build();
    }

    /** {@code --verbose} is inherited by every subcommand: it may come after any of them. */
    private static boolean asksForVerbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) return true;
        }
        return false;
    }

    /** The pom's version, the same the About dialog shows. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"berth " + BerthVersion.current()};
        }
    }
}
