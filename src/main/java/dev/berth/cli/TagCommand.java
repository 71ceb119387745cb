package dev.berth.cli;

import dev.berth.domain.Tag;
import dev.berth.domain.Reference;
import dev.berth.registry.ManifestResponse;
import dev.berth.registry.RegistryClient;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth tag SRC NEWTAG}: a new tag on the same manifest in the same repository; no data moves. */
@Command(name = "tag", description = "Give an image another tag in its repository (the manifest bytes are put again; no blob moves).")
final class TagCommand extends RegistryCommand {

    @Parameters(index = "0", paramLabel = "SRC", description = "The image, e.g. localhost:5000/team/app:1.4 or docker://…@sha256:…")
    String source;

    @Parameters(index = "1", paramLabel = "NEWTAG", description = "The new tag, e.g. stable")
    String newTag;

    TagCommand(CliEnvironment environment) {
        super(environment);
    }

    @Override
    public Integer call() throws Exception {
        String text = source.startsWith("docker://") ? source.substring("docker://".length()) : source;
        RegistryTarget target = RegistryTarget.ofRepository(spec.commandLine(), text);
        String tag = newTag.startsWith(":") ? newTag.substring(1) : newTag;
        try {
            target.reference().withTag(tag);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "'" + newTag + "' is not a tag (a tag is up to 128 letters, "
                    + "digits, '_', '.' and '-'); to copy into another repository use berth copy");
        }
        RegistryClient client = connect(target);
        ManifestResponse manifest = client.manifest(target.reference().repositoryName(), target.reference().manifestTarget());
        client.putManifest(target.reference().repositoryName(), Tag.of(tag), manifest.manifest().raw(), manifest.contentType());
        Reference tagged = target.reference().withTag(tag);
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("reference", tagged.canonical());
            out.put("digest", manifest.digest().toString());
            new Output(environment.out()).json(out);
        } else {
            environment.out().println("Tagged " + tagged.canonical() + " → " + manifest.digest());
        }
        return BerthCli.OK;
    }
}
