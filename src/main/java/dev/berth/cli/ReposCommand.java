package dev.berth.cli;

import dev.berth.registry.RegistryClient;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth repos HOST[:PORT]}: every repository in the registry's catalog. */
@Command(name = "repos", description = "List all repositories of a registry (its catalog).")
final class ReposCommand extends RegistryCommand {

    @Parameters(paramLabel = "HOST[:PORT]", description = "The registry, e.g. localhost:5000")
    String registry;

    ReposCommand(CliEnvironment environment) {
        super(environment);
    }

    @Override
    public Integer call() throws Exception {
        RegistryTarget target = RegistryTarget.ofHost(spec.commandLine(), registry);
        RegistryClient client = connect(target);
        List<String> repositories = client.catalog();
        Output output = new Output(environment.out());
        if (json) output.json(repositories);
        else repositories.forEach(environment.out()::println);
        return BerthCli.OK;
    }
}
