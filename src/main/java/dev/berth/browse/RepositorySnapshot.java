package dev.berth.browse;

import dev.berth.domain.Digest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A repository's tags and the manifests they point at, as loaded at one moment: what the tag
 * table shows and what a cleanup is planned on. {@code images} also holds the children of
 * indexes and known referrers, which no tag names directly.
 */
public record RepositorySnapshot(String registry, String repository, List<TagInfo> tags, Map<Digest, ImageSummary> images) {

    public RepositorySnapshot {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(repository, "repository");
        tags = List.copyOf(tags);
        images = Map.copyOf(images);
    }

    public Optional<ImageSummary> image(Digest digest) {
        return Optional.ofNullable(images.get(digest));
    }

    /** Tags grouped by the digest they point at, in tag order. */
    public Map<Digest, List<String>> tagsByDigest() {
        return tags.stream().collect(Collectors.groupingBy(TagInfo::digest, LinkedHashMap::new,
                Collectors.mapping(TagInfo::tag, Collectors.toList())));
    }

    /** The other tags on the same digest as {@code tag} ("also tagged as"). */
    public List<String> alsoTaggedAs(TagInfo tag) {
        return tagsByDigest().getOrDefault(tag.digest(), List.of()).stream().filter(t -> !t.equals(tag.tag())).toList();
    }
}
