package dev.berth.engine;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An image the local engine holds.
 *
 * @param id the engine's image id ({@code sha256:…}, the config digest for classic engines)
 * @param repoTags its names, {@code REPO:TAG}; empty for an untagged image
 * @param repoDigests {@code REPO@sha256:…} for each registry it was pulled from or pushed to
 * @param size bytes the engine reports it takes, unpacked
 * @param created when the image was built, as its config says
 */
public record LocalImage(String id, List<String> repoTags, List<String> repoDigests, long size, Instant created) {

    public LocalImage {
        Objects.requireNonNull(id);
        repoTags = List.copyOf(repoTags);
        repoDigests = List.copyOf(repoDigests);
        Objects.requireNonNull(created);
    }

    /** The id as {@code docker images} shows it: 12 hex digits. */
    public String shortId() {
        String hex = id.startsWith("sha256:") ? id.substring("sha256:".length()) : id;
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }
}
