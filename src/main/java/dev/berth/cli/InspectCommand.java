package dev.berth.cli;

import dev.berth.domain.ByteSize;
import dev.berth.domain.Descriptor;
import dev.berth.domain.ImageConfig;
import dev.berth.inspect.ImageDetails;
import dev.berth.inspect.ImageInspector;
import dev.berth.registry.RegistryClient;
import dev.berth.store.ImageSource;
import dev.berth.work.CancelSignal;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth inspect REF}: digest, sizes, platforms, layers and config of a tag or digest. */
@Command(name = "inspect", description = "Show a tag's or digest's manifest, sizes, platforms, layers and config.")
final class InspectCommand extends RegistryCommand {

    @Parameters(paramLabel = "REF", description = "An image reference, e.g. localhost:5000/team/app:1.4 or …@sha256:…; "
            + "or, as for copy, docker://…, oci:DIR[:TAG], oci-archive:FILE[:TAG], docker-archive:FILE[:REF].")
    String reference;

    InspectCommand(CliEnvironment environment) {
        super(environment);
    }

    @Override
    public Integer call() throws Exception {
        if (ImageLocation.namesAFile(reference)) return inspectFile(ImageLocation.parse(spec.commandLine(), reference));
        RegistryTarget target = RegistryTarget.ofRepository(spec.commandLine(), reference);
        RegistryClient client = connect(target);
        ImageDetails details = new ImageInspector(client).inspect(target.repository(), target.reference().manifestReference());
        show(target.reference().canonical(), details);
        return BerthCli.OK;
    }

    /** A layout or archive, read as {@code berth copy} reads it; without a name, the one image it holds. */
    private int inspectFile(ImageLocation location) throws IOException {
        ImageDetails details;
        String shown;
        try (ImageSource source = new PlaceOpener(environment, spec.commandLine(), CancelSignal.none()).source(location, connection)) {
            details = ImageInspector.inspect(source, location.name().orElse(""));
            shown = source.description() + location.name().map(name -> ":" + name).orElse("");
        }
        show(shown, details);
        return BerthCli.OK;
    }

    private void show(String shownReference, ImageDetails details) {
        if (json) new Output(environment.out()).json(toJson(shownReference, details));
        else printText(shownReference, details, environment.out());
    }

    static Map<String, Object> toJson(String shownReference, ImageDetails details) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("reference", shownReference);
        json.put("digest", details.digest().toString());
        json.put("mediaType", details.mediaType().value());
        json.put("size", details.sizeUnknown() ? null : details.size());
        json.put("sizeComplete", details.sizeComplete());
        List<Map<String, Object>> missing = new ArrayList<>();
        for (Descriptor child : details.missingChildren()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("platform", ImageDetails.describe(child));
            entry.put("digest", child.digest().toString());
            missing.add(entry);
        }
        json.put("missingPlatforms", missing);
        json.put("created", details.created().map(Instant::toString).orElse(null));
        List<Map<String, Object>> platforms = new ArrayList<>();
        for (ImageDetails.PlatformDetails p : details.platforms()) {
            Map<String, Object> platform = new LinkedHashMap<>();
            platform.put("platform", p.platform().toString());
            platform.put("digest", p.digest().toString());
            platform.put("size", p.size());
            platforms.add(platform);
        }
        json.put("platforms", platforms);
        List<Map<String, Object>> layers = new ArrayList<>();
        for (Descriptor layer : details.layers()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("digest", layer.digest().toString());
            entry.put("size", layer.size());
            entry.put("mediaType", layer.mediaType().value());
            layers.add(entry);
        }
        json.put("layers", layers);
        json.put("config", details.config().map(InspectCommand::configJson).orElse(null));
        return json;
    }

    private static Map<String, Object> configJson(ImageConfig config) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("os", config.os());
        json.put("architecture", config.architecture());
        json.put("variant", config.variant().orElse(null));
        json.put("created", config.created().map(Instant::toString).orElse(null));
        json.put("user", config.user().orElse(null));
        json.put("workingDir", config.workingDir().orElse(null));
        json.put("env", config.env());
        json.put("entrypoint", config.entrypoint());
        json.put("cmd", config.cmd());
        json.put("exposedPorts", config.exposedPorts());
        json.put("labels", config.labels());
        List<Map<String, Object>> history = new ArrayList<>();
        for (ImageConfig.HistoryEntry step : config.history()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("created", step.created().map(Instant::toString).orElse(null));
            entry.put("createdBy", step.createdBy());
            entry.put("emptyLayer", step.emptyLayer());
            entry.put("comment", step.comment().orElse(null));
            history.add(entry);
        }
        json.put("history", history);
        return json;
    }

    private static void printText(String shownReference, ImageDetails details, PrintWriter out) {
        out.println("Reference:  " + shownReference);
        out.println("Digest:     " + details.digest());
        out.println("Media type: " + details.mediaType());
        out.println("Size:       " + details.incompleteSize(ByteSize.format(details.size())).orElse(ByteSize.format(details.size())
                + " (compressed" + (details.isIndex() ? ", distinct blobs of all platforms)" : ")")));
        out.println("Created:    " + details.created().map(Instant::toString).orElse("unknown"));
        details.config().ifPresent(c -> out.println("Platform:   " + c.platform()));
        if (!details.platforms().isEmpty()) {
            out.println("Platforms:");
            details.platforms().forEach(p -> out.printf("  %-16s %s  %s%n", p.platform(), p.digest().shortHex(), ByteSize.format(p.size())));
        }
        if (!details.attestations().isEmpty()) out.println("Attestations: " + details.attestations().size());
        if (!details.missingChildren().isEmpty()) {
            out.println("Missing:    " + details.missingChildren().size() + " of the images this index lists are not in the registry:");
            details.missingChildren().forEach(c -> out.printf("  %-16s %s%n", ImageDetails.describe(c), c.digest()));
            out.println("  " + ImageDetails.MISSING_ADVICE);
        }
        if (!details.layers().isEmpty()) {
            out.println("Layers:");
            details.layers().forEach(l -> out.printf("  %s  %10s  %s%n", l.digest().shortHex(), ByteSize.format(l.size()), l.mediaType()));
        }
        details.config().map(ImageConfig::cmd).filter(c -> !c.isEmpty()).ifPresent(c -> out.println("Cmd:        " + c));
        Optional.of(details.config().map(ImageConfig::entrypoint).orElse(List.of())).filter(e -> !e.isEmpty())
                .ifPresent(e -> out.println("Entrypoint: " + e));
    }
}
