package dev.berth.cleanup;

import dev.berth.domain.Digest;
import java.util.List;

/** One change an apply makes: a manifest deleted by digest, or a tag removed while its manifest stays. */
public sealed interface Removal permits ManifestDeletion, TagRemoval {

    String repository();

    /** The manifest deleted, or the one the removed tag pointed at. */
    Digest digest();

    /** The tags that go: all tags on a deleted digest, or the one tag removed. */
    List<String> tags();
}
