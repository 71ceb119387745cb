package dev.berth.cli;

import dev.berth.domain.Names;
import dev.berth.registry.RegistryClient;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth repos HOST[:PORT]}: every repository in the registry's catalog. */
@Command(name = "repos", description = {"List all repositories of a registry (its catalog).",
        "A name the registry sent that is not a valid repository name is left out and reported, escaped, on stderr."})
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
        new Output(environment.out()).names(repositories, Names::repositoryProblem, json, environment.err());
        return BerthCli.OK;
    }
}
