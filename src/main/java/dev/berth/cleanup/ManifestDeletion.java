package dev.berth.cleanup;

import dev.berth.domain.Digest;
import dev.berth.domain.MediaType;
import java.util.List;
import java.util.Objects;

/**
 * One manifest the plan deletes (by digest: every tag on it goes too, T4).
 *
 * @param tags      every tag on the digest, all of which the plan deletes
 * @param role      why it is on the list: tagged, part of a deleted index, or a referrer of a deleted subject
 * @param pointsTo  deleted manifests this one points at (index children, a referrer's subject): this
 *                  one must go FIRST, so that no manifest ever points at a missing one mid-way (T7)
 * @param size      compressed size of what it holds (for an index: its platforms' distinct blobs)
 */
public record ManifestDeletion(String repository, Digest digest, MediaType mediaType, List<String> tags, Role role,
        Reason reason, List<Digest> pointsTo, long size) implements Removal {

    /** Why a manifest is on the list; {@code TAG_ONLY} marks a journal entry of a {@link TagRemoval}, whose manifest stays. */
    public enum Role { TAGGED, INDEX_CHILD, REFERRER, TAG_ONLY }

    public ManifestDeletion {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(mediaType, "mediaType");
        tags = List.copyOf(tags);
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(reason, "reason");
        if (reason.keeps()) throw new IllegalArgumentException("a deletion needs a deleting reason, not " + reason);
        pointsTo = List.copyOf(pointsTo);
    }
}
