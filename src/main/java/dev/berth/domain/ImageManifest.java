package dev.berth.domain;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** A single image (OCI or Docker v2): a config blob plus layers, or an artifact with a subject. */
public record ImageManifest(
        MediaType mediaType,
        Descriptor config,
        List<Descriptor> layers,
        Optional<Descriptor> subject,
        Optional<String> artifactType,
        Map<String, String> annotations,
        RawBytes raw) implements Manifest {

    public ImageManifest {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(config, "config");
        layers = List.copyOf(layers);
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(artifactType, "artifactType");
        annotations = Map.copyOf(annotations);
        Objects.requireNonNull(raw, "raw");
    }

    /** Compressed size as pulled: the config blob plus every layer. */
    public long size() {
        return config.size() + layers.stream().mapToLong(Descriptor::size).sum();
    }

    /** Every blob this image needs (config and layers), each once. */
    public Set<Descriptor> blobs() {
        Set<Descriptor> blobs = new LinkedHashSet<>();
        blobs.add(config);
        blobs.addAll(layers);
        return blobs;
    }

    /**
     * True for an OCI artifact (signature, SBOM, …) rather than a runnable image: it says so with
     * {@code artifactType}, or its config is not an image config.
     */
    public boolean isArtifact() {
        return artifactType.isPresent()
                || !(config.mediaType().equals(MediaType.OCI_CONFIG) || config.mediaType().equals(MediaType.DOCKER_CONFIG));
    }

    /** What kind of artifact this is: {@code artifactType}, else the config's media type. */
    public String effectiveArtifactType() {
        return artifactType.orElse(config.mediaType().value());
    }
}
