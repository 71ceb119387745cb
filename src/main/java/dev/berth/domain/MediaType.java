package dev.berth.domain;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** A media type as registries use them, without parameters ({@code ; charset=…} is dropped). */
public record MediaType(String value) {

    public static final MediaType OCI_INDEX = new MediaType("application/vnd.oci.image.index.v1+json");
    public static final MediaType OCI_MANIFEST = new MediaType("application/vnd.oci.image.manifest.v1+json");
    public static final MediaType DOCKER_LIST = new MediaType("application/vnd.docker.distribution.manifest.list.v2+json");
    public static final MediaType DOCKER_MANIFEST = new MediaType("application/vnd.docker.distribution.manifest.v2+json");
    public static final MediaType DOCKER_SCHEMA1 = new MediaType("application/vnd.docker.distribution.manifest.v1+json");
    public static final MediaType DOCKER_SCHEMA1_SIGNED =
            new MediaType("application/vnd.docker.distribution.manifest.v1+prettyjws");
    public static final MediaType OCI_CONFIG = new MediaType("application/vnd.oci.image.config.v1+json");
    public static final MediaType DOCKER_CONFIG = new MediaType("application/vnd.docker.container.image.v1+json");
    public static final MediaType OCI_EMPTY = new MediaType("application/vnd.oci.empty.v1+json");
    public static final MediaType OCI_LAYER_GZIP = new MediaType("application/vnd.oci.image.layer.v1.tar+gzip");
    public static final MediaType DOCKER_LAYER_GZIP = new MediaType("application/vnd.docker.image.rootfs.diff.tar.gzip");
    public static final MediaType OCTET_STREAM = new MediaType("application/octet-stream");

    /** The manifest types Berth reads, most preferred first. */
    public static final List<MediaType> MANIFEST_TYPES = List.of(OCI_INDEX, OCI_MANIFEST, DOCKER_LIST, DOCKER_MANIFEST);

    /**
     * The single, comma-joined Accept header for manifest requests. Without the index and OCI types
     * a registry may convert the manifest (different digest) or pick one platform (traps T1-T3).
     */
    public static final String MANIFEST_ACCEPT =
            String.join(", ", MANIFEST_TYPES.stream().map(MediaType::value).toList());

    public MediaType {
        Objects.requireNonNull(value, "value");
        int semicolon = value.indexOf(';');
        value = (semicolon >= 0 ? value.substring(0, semicolon) : value).trim().toLowerCase(Locale.ROOT);
        if (value.isEmpty()) throw new IllegalArgumentException("empty media type");
    }

    public static MediaType of(String value) {
        return new MediaType(value);
    }

    /** An OCI index or a Docker manifest list. */
    public boolean isIndex() {
        return equals(OCI_INDEX) || equals(DOCKER_LIST);
    }

    /** A single-image manifest (OCI or Docker v2). */
    public boolean isImageManifest() {
        return equals(OCI_MANIFEST) || equals(DOCKER_MANIFEST);
    }

    /** The legacy schema1 format, which carries no sizes. */
    public boolean isSchema1() {
        return equals(DOCKER_SCHEMA1) || equals(DOCKER_SCHEMA1_SIGNED);
    }

    /** Any manifest type: an image, an index or schema1. A layer or config type is not. */
    public boolean isManifest() {
        return isIndex() || isImageManifest() || isSchema1();
    }

    @Override
    public String toString() {
        return value;
    }
}
