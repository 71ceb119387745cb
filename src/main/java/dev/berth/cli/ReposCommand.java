package dev.berth.cli;

import dev.berth.registry.RegistryClient;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth repos HOST[:PORT]}: every repository in the registry's catalog. */
@Command(name = "repos", description = "List all repositories of a registry (its catalog).")
final class ReposCommand implements Callable<Integer> {

    @Parameters(paramLabel = "HOST[:PORT]", description = "The registry, e.g. localhost:5000")
    String registry;

    @Option(names = "--json", description = "Print a JSON array of names.")
    boolean json;

    @Mixin
    ConnectionOptions connection;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final CliEnvironment environment;

    ReposCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        RegistryTarget target = RegistryTarget.ofHost(spec.commandLine(), registry);
        RegistryClient client = new CliConnector(environment).connect(spec.commandLine(), target.registry(), target.apiHost(), connection);
        List<String> repositories = client.catalog();
        Output output = new Output(environment.out());
        if (json) output.json(repositories);
        else repositories.forEach(environment.out()::println);
        return BerthCli.OK;
    }
}
