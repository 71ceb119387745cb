package dev.berth.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Picocli checks required parameters before it complains about unmatched arguments, so
 * {@code berth tags --nope} would say "Missing required parameter" about a typo. A person fixes the
 * typo first: this names the unknown option instead, with picocli's usual suggestions and usage.
 */
final class UnknownOptions implements CommandLine.IParameterExceptionHandler {

    private final CommandLine.IParameterExceptionHandler standard;

    UnknownOptions(CommandLine.IParameterExceptionHandler standard) {
        this.standard = standard;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) throws Exception {
        if (e instanceof CommandLine.MissingParameterException) {
            List<String> unknown = in(e.getCommandLine().getCommandSpec().root(), args);
            if (!unknown.isEmpty()) {
                return standard.handleParseException(new CommandLine.UnmatchedArgumentException(e.getCommandLine(), unknown), args);
            }
        }
        return standard.handleParseException(e, args);
    }

    /** The arguments that look like options but are none of the command's (walking into subcommands as picocli does). */
    static List<String> in(CommandSpec root, String[] args) {
        List<String> unknown = new ArrayList<>();
        CommandSpec command = root;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) break;
            if (command.subcommands().containsKey(arg)) {
                command = command.subcommands().get(arg).getCommandSpec();
            } else if (arg.startsWith("-") && arg.length() > 1) {
                int equals = arg.indexOf('=');
                OptionSpec option = command.findOption(equals < 0 ? arg : arg.substring(0, equals));
                if (option == null) {
                    unknown.add(arg);
                } else if (equals < 0 && option.arity().min() > 0) {
                    i += option.arity().min(); // its value, which may itself start with '-'
                }
            }
        }
        return unknown;
    }
}
