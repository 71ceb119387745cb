package dev.berth.cli;

import dev.berth.domain.Names;
import dev.berth.registry.RegistryClient;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth tags HOST[:PORT]/REPO}: every tag of a repository. */
@Command(name = "tags", description = {"List all tags of a repository.",
        "A name the registry sent that is not a valid tag is left out and reported, escaped, on stderr."})
final class TagsCommand extends RegistryCommand {

    @Parameters(paramLabel = "HOST[:PORT]/REPO", description = "The repository, e.g. localhost:5000/team/app")
    String repository;

    TagsCommand(CliEnvironment environment) {
        super(environment);
    }

    @Override
    public Integer call() throws Exception {
        RegistryTarget target = RegistryTarget.ofRepository(spec.commandLine(), repository);
        RegistryClient client = connect(target);
        List<String> tags = client.tags(target.repository());
        new Output(environment.out()).names(tags, Names::tagProblem, json, environment.err());
        return BerthCli.OK;
    }
}
