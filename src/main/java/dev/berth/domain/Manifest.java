package dev.berth.domain;

import java.util.Optional;

/**
 * A manifest as a registry served it: an image, an index of images, or a legacy schema1 document.
 * The raw bytes travel with the parsed form, so the digest is always that of what was sent.
 */
public sealed interface Manifest permits ImageManifest, ImageIndex, Schema1Manifest {

    MediaType mediaType();

    RawBytes raw();

    /** The sha256 digest of the raw bytes. */
    default Digest digest() {
        return raw().sha256();
    }

    /** The manifest this one refers to (signatures, SBOMs, attestations), if any. */
    Optional<Descriptor> subject();

    /** This manifest as a descriptor, e.g. to put it into an index or name it as a subject. */
    default Descriptor descriptor() {
        return Descriptor.of(mediaType(), digest(), raw().size());
    }
}
