package dev.berth.jobs;

import dev.berth.transfer.CopyOptions;
import java.util.Objects;
import java.util.Optional;

/**
 * A copy to run as a job: pull, push, export, import, copy or retag are all this, told apart by
 * {@code kind} for the words. {@link #effectiveOptions()} adds what the destination demands.
 */
public record CopyRequest(JobKind kind, ImageAt from, ImageAt to, CopyOptions options) {

    public CopyRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(options, "options");
    }

    /** A new tag for an image in its own repository: every blob is there already, so no data moves. */
    public static CopyRequest retag(Place.Registry repository, String tag, String newTag) {
        return new CopyRequest(JobKind.RETAG, new ImageAt(repository, tag), new ImageAt(repository, newTag), CopyOptions.defaults());
    }

    public JobDescription describe() {
        return new JobDescription(kind, kind.verb() + " " + from.description(), from.description(), destinationName()
                .map(name -> new ImageAt(to.place(), name).description()).orElse(to.place().description()));
    }

    /**
     * A docker-archive, and the engine (which loads one), hold single images with uncompressed
     * layers; layers out of one are gzipped for anywhere else (as {@code docker push} does).
     */
    public CopyOptions effectiveOptions() {
        boolean single = holdsSingleImages(to.place());
        CopyOptions.LayerCompression layers = single ? CopyOptions.LayerCompression.KEEP : CopyOptions.LayerCompression.GZIP;
        return options.withCompression(layers).withSingleImage(single);
    }

    private static boolean holdsSingleImages(Place place) {
        return place instanceof Place.DockerArchiveFile || place instanceof Place.LocalEngine;
    }

    /**
     * The name at the destination; for a docker-archive or the engine without one, the source
     * registry's name (as skopeo does, so {@code docker load} names the image).
     */
    public Optional<String> destinationName() {
        if (!to.name().isEmpty()) return Optional.of(to.name());
        if (holdsSingleImages(to.place()) && from.place() instanceof Place.Registry registry && !from.name().isEmpty()
                && !from.name().startsWith("sha256:")) {
            return Optional.of(registry.host() + "/" + registry.repository() + ":" + from.name());
        }
        return Optional.empty();
    }
}
