package dev.berth.cli;

import dev.berth.registry.RegistryClient;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth tags HOST[:PORT]/REPO}: every tag of a repository. */
@Command(name = "tags", description = "List all tags of a repository.")
final class TagsCommand implements Callable<Integer> {

    @Parameters(paramLabel = "HOST[:PORT]/REPO", description = "The repository, e.g. localhost:5000/team/app")
    String repository;

    @Option(names = "--json", description = "Print a JSON array of tags.")
    boolean json;

    @Mixin
    ConnectionOptions connection;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final CliEnvironment environment;

    TagsCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        RegistryTarget target = RegistryTarget.ofRepository(spec.commandLine(), repository);
        RegistryClient client = new CliConnector(environment).connect(spec.commandLine(), target.registry(), target.apiHost(), connection);
        List<String> tags = client.tags(target.repository());
        if (json) new Output(environment.out()).json(tags);
        else tags.forEach(environment.out()::println);
        return BerthCli.OK;
    }
}
