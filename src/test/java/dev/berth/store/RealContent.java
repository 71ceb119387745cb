package dev.berth.store;

import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.MediaType;
import dev.berth.testing.TestImages.Content;

/** Test content as domain values. */
final class RealContent {

    private RealContent() {}

    static Descriptor descriptor(Content content) {
        return Descriptor.of(MediaType.of(content.mediaType()), Digest.parse(content.digest()), content.size());
    }
}
