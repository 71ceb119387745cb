package dev.berth.cli;

import dev.berth.registry.DeletableManifest;
import dev.berth.registry.DeleteResult;
import dev.berth.registry.ManifestResponse;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth rm REF}: deletes a manifest by digest. Registries delete by digest, which removes
 * every tag on that digest (trap T4), so all of them are listed first, and nothing is deleted
 * without {@code --yes}.
 */
@Command(name = "rm", description = "Delete an image by digest (every tag pointing at it goes too). Dry run unless --yes.")
final class RmCommand implements Callable<Integer> {

    @Parameters(paramLabel = "REF", description = "A tag or digest reference, e.g. localhost:5000/team/app:1.4")
    String reference;

    @Option(names = "--yes", description = "Really delete. Without it, only show what would be deleted.")
    boolean yes;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Mixin
    ConnectionOptions connection;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final CliEnvironment environment;

    RmCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        RegistryTarget target = RegistryTarget.ofRepository(spec.commandLine(), reference);
        RegistryClient client = new CliConnector(environment).connect(spec.commandLine(), target.registry(), target.apiHost(), connection);
        String repository = target.repository();
        ManifestResponse response = client.manifest(repository, target.reference().manifestReference());
        DeletableManifest deletable = response.deletable().orElseThrow(() -> new RegistryException.Refused(
                "The registry answered for " + reference + " with " + response.contentType() + ", not a manifest type Berth "
                        + "asked for; its digest is not safe to delete (it may be a converted copy)."));
        List<String> tags = client.tagsPointingAt(repository, deletable.digest());

        DeleteResult result = yes ? client.delete(deletable) : null;
        PrintWriter out = environment.out();
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("repository", repository);
            document.put("digest", deletable.digest().toString());
            document.put("tags", tags);
            document.put("deleted", result != null && result.deleted());
            if (result != null) document.put("result", result.status().name());
            new Output(out).json(document);
        } else if (result == null) {
            out.println("Would delete " + repository + "@" + deletable.digest());
            out.println(tags.isEmpty() ? "No tag points at it." : "This removes every tag on that digest: " + String.join(", ", tags));
            out.println("Run again with --yes to delete.");
        } else if (result.deleted()) {
            out.println("Deleted " + repository + "@" + deletable.digest()
                    + (tags.isEmpty() ? "" : " (tags removed: " + String.join(", ", tags) + ")"));
            out.println("Disk space comes back only after the registry's garbage collection runs.");
        }
        if (result != null && !result.deleted()) {
            environment.err().println("berth: " + result.message());
            return BerthCli.ERROR;
        }
        return BerthCli.OK;
    }
}
