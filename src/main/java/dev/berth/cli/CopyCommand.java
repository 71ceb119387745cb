package dev.berth.cli;

import dev.berth.domain.ByteSize;
import dev.berth.domain.Platform;
import dev.berth.work.CancelSignal;
import dev.berth.store.ImageDestination;
import dev.berth.store.ImageSource;
import dev.berth.transfer.CopyOptions;
import dev.berth.transfer.CopyResult;
import dev.berth.transfer.ImageCopier;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth copy SRC DST}: one image between registries, OCI layouts and archives, with skopeo's transport syntax. */
@Command(name = "copy", description = {"Copy an image between registries, OCI layouts, archives and the local Docker or Podman engine.",
        "SRC and DST: docker://HOST/REPO:TAG|@DIGEST (or just HOST/REPO:TAG), oci:DIR[:TAG], oci-archive:FILE[:TAG], "
                + "docker-archive:FILE[:REF], engine:REPO:TAG or engine:IMAGE-ID (the engine found through DOCKER_HOST or its socket)."})
final class CopyCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SRC", description = "Where the image is.")
    String source;

    @Parameters(index = "1", paramLabel = "DST", description = "Where to put it.")
    String destination;

    @Mixin
    SideConnections connections;

    @Option(names = "--all-platforms", description = "Copy every platform of a multi-platform image (the default).")
    boolean allPlatforms;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", description = "Copy only this platform of an index (repeatable); the index is rewritten, so its digest changes.")
    List<String> platforms = new ArrayList<>();

    @Option(names = "--with-referrers", description = "Also copy what refers to the image (signatures, SBOMs), registry to registry.")
    boolean withReferrers;

    @Option(names = "--compression", paramLabel = "gzip|none", description = "Layers taken from a docker-archive are gzipped for a registry or OCI layout (gzip, the default), or kept uncompressed (none).")
    String compression;

    @Option(names = "--json", description = "Print one JSON document to stdout.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final CliEnvironment environment;

    CopyCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        CommandLine commandLine = spec.commandLine();
        ImageLocation from = ImageLocation.parse(commandLine, source);
        ImageLocation to = ImageLocation.parse(commandLine, destination);
        if (withReferrers && !(from instanceof ImageLocation.Registry && to instanceof ImageLocation.Registry)) {
            throw new CommandLine.ParameterException(commandLine, "--with-referrers copies between registries only: "
                    + "only a registry can say what refers to an image");
        }
        CopyOptions options = CopyOptions.defaults().withPlatforms(platforms(commandLine)).withCompression(compression(commandLine, to))
                .withSingleImage(holdsSingleImages(to)).withReferrers(withReferrers);
        CancelSignal cancel = new CancelSignal();
        PlaceOpener opener = new PlaceOpener(environment, commandLine, cancel);
        CopyProgress progress = new CopyProgress(environment.err(), System.console() != null);
        CopyResult result;
        Thread onInterrupt = cancelOnShutdown(cancel, Thread.currentThread());
        try (ImageSource in = opener.source(from, connections.source(commandLine));
                ImageDestination out = opener.destination(to, connections.destination(commandLine))) {
            result = new ImageCopier().copy(in, sourceReference(from), out, destinationName(from, to), options, cancel, progress);
        } finally {
            progress.finish();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and waits for this thread's cleanup.
            }
        }
        if (json) new Output(environment.out()).json(toJson(result));
        else printText(result, environment.out());
        return BerthCli.OK;
    }

    /**
     * Ctrl-C cancels the copy and gives it a few seconds to discard what it wrote (an uncommitted
     * layout or archive is deleted on close) before the JVM exits.
     */
    private static Thread cancelOnShutdown(CancelSignal cancel, Thread copying) {
        Thread hook = new Thread(() -> {
            cancel.cancel();
            try {
                copying.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "berth-copy-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    private List<Platform> platforms(CommandLine commandLine) {
        if (allPlatforms && !platforms.isEmpty()) {
            throw new CommandLine.ParameterException(commandLine, "--all-platforms and --platform exclude each other");
        }
        try {
            return platforms.stream().map(Platform::parse).toList();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, e.getMessage());
        }
    }

    /** A docker-archive, and an engine (which loads one), hold single-platform images with uncompressed layers. */
    private static boolean holdsSingleImages(ImageLocation to) {
        return to instanceof ImageLocation.DockerArchive || to instanceof ImageLocation.Engine;
    }

    /** gzip by default, but a docker-archive holds uncompressed layers whatever is asked. */
    private CopyOptions.LayerCompression compression(CommandLine commandLine, ImageLocation to) {
        String chosen = compression == null ? "gzip" : compression.toLowerCase(Locale.ROOT);
        return switch (chosen) {
            case "gzip" -> holdsSingleImages(to) ? CopyOptions.LayerCompression.KEEP : CopyOptions.LayerCompression.GZIP;
            case "none" -> CopyOptions.LayerCompression.KEEP;
            default -> throw new CommandLine.ParameterException(commandLine, "--compression takes gzip or none, not '" + compression + "'");
        };
    }

    /** A registry's tag or digest; a layout's or archive's name, empty meaning "its only image". */
    static String sourceReference(ImageLocation from) {
        return from instanceof ImageLocation.Registry registry ? registry.reference().manifestReference() : from.name().orElse("");
    }

    /**
     * The tag at the destination: the one given there; for a docker-archive or the engine without
     * one, the source registry's name (as skopeo does, so {@code podman load} names the image).
     */
    static Optional<String> destinationName(ImageLocation from, ImageLocation to) {
        if (holdsSingleImages(to) && to.name().isEmpty() && from instanceof ImageLocation.Registry registry
                && registry.reference().tag().isPresent()) {
            var reference = registry.reference();
            return Optional.of(reference.registry() + "/" + reference.repository() + ":" + reference.tag().get());
        }
        return to.name();
    }

    static Map<String, Object> toJson(CopyResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("digest", result.digest().toString());
        json.put("bytes", result.bytes());
        json.put("blobsCopied", result.blobsCopied());
        json.put("blobsSkipped", result.blobsSkipped());
        json.put("blobsMounted", result.blobsMounted());
        json.put("seconds", Math.round(result.seconds() * 1000) / 1000.0);
        json.put("digestPreserved", result.digestPreserved());
        json.put("digestChange", result.digestChange().orElse(null));
        return json;
    }

    private static void printText(CopyResult result, PrintWriter out) {
        out.println("Digest: " + result.digest() + result.digestChange().map(why -> " (was " + result.sourceDigest() + ": " + why + ")").orElse(""));
        out.printf(Locale.ROOT, "%d blobs copied (%s), %d skipped, %d mounted in %.1f s%n", result.blobsCopied(),
                ByteSize.format(result.bytes()), result.blobsSkipped(), result.blobsMounted(), result.seconds());
    }
}
