package dev.berth.cli;

import dev.berth.domain.Names;
import dev.berth.work.CancelSignal;
import dev.berth.registry.RegistryClient;
import dev.berth.store.ImageSource;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth tags HOST[:PORT]/REPO}: every tag of a repository; or of an OCI layout or archive, in copy's transport syntax. */
@Command(name = "tags", description = {"List all tags of a repository, or of oci:DIR, oci-archive:FILE, docker-archive:FILE or engine:[REPO].",
        "A name the registry sent that is not a valid tag is left out and reported, escaped, on stderr."})
final class TagsCommand extends RegistryCommand {

    @Parameters(paramLabel = "HOST[:PORT]/REPO", description = "The repository, e.g. localhost:5000/team/app, or oci:./out")
    String repository;

    TagsCommand(CliEnvironment environment) {
        super(environment);
    }

    @Override
    public Integer call() throws Exception {
        if (ImageLocation.namesAFile(repository) || ImageLocation.namesTheEngine(repository)) {
            return fileTags(ImageLocation.parse(spec.commandLine(), repository));
        }
        RegistryTarget target = RegistryTarget.ofRepository(spec.commandLine(), repository);
        RegistryClient client = connect(target);
        List<String> tags = client.tags(target.reference().repositoryName());
        new Output(environment.out()).names(tags, Names::tagProblem, json, environment.err());
        return BerthCli.OK;
    }

    /** {@code REPO} of an engine's {@code REPO:TAG}. */
    private static String repositoryOf(String name) {
        int colon = name.lastIndexOf(':');
        return colon > name.lastIndexOf('/') ? name.substring(0, colon) : name;
    }

    /** A file's names are shown as stored: a docker-archive's are {@code name:tag}, which no tag check would pass. */
    private int fileTags(ImageLocation location) throws java.io.IOException {
        List<String> tags;
        try (ImageSource source = new PlaceOpener(environment, spec.commandLine(), CancelSignal.none()).source(location, connection)) {
            tags = source.tags();
        }
        if (location instanceof ImageLocation.Engine engine && engine.name().isPresent()) {
            tags = tags.stream().filter(name -> repositoryOf(name).equals(engine.name().get())).toList();
        }
        new Output(environment.out()).names(tags, name -> Optional.empty(), json, environment.err());
        return BerthCli.OK;
    }
}
