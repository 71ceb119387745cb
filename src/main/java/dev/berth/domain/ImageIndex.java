package dev.berth.domain;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** An OCI index or Docker manifest list: one image per platform, plus attestations. */
public record ImageIndex(
        MediaType mediaType,
        List<Descriptor> manifests,
        Optional<Descriptor> subject,
        Optional<String> artifactType,
        Map<String, String> annotations,
        RawBytes raw) implements Manifest {

    /** Where an index may say when it was built (an index has no config). */
    public static final String CREATED_ANNOTATION = "org.opencontainers.image.created";

    public ImageIndex {
        Objects.requireNonNull(mediaType, "mediaType");
        manifests = List.copyOf(manifests);
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(artifactType, "artifactType");
        annotations = Map.copyOf(annotations);
        Objects.requireNonNull(raw, "raw");
    }

    /** Entries a person can run: attestations left out. */
    public List<Descriptor> platformManifests() {
        return manifests.stream().filter(d -> !d.isAttestation()).toList();
    }

    /** Attestation entries (provenance, SBOM) that buildx adds beside the platforms. */
    public List<Descriptor> attestations() {
        return manifests.stream().filter(Descriptor::isAttestation).toList();
    }
}
