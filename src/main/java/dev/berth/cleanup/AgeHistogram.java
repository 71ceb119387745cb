package dev.berth.cleanup;

import dev.berth.browse.ImageSummary;
import dev.berth.browse.RepositorySnapshot;
import dev.berth.domain.Digest;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The images of a cleanup plan by age, to help decide on rules: for each age bracket, the size of the
 * images the plan keeps and of those it deletes. An image is a distinct digest a tag names in one
 * repository, counted once with its own size (an index with its platforms' blobs), so a layer shared
 * by several images counts in each: these sizes add up to more than the registry stores, and more
 * than garbage collection gives back ({@link Reclaimable} is that figure).
 *
 * @param at      the moment ages are measured from: when the plan was made
 * @param buckets every age bracket, youngest first, the undated last; empty ones included
 */
public record AgeHistogram(Instant at, List<Bucket> buckets) {

    /** Age brackets, youngest first. */
    public enum Age {
        WEEK("< 1 week", "< 1 wk", 7),
        MONTH("1–4 weeks", "1–4 wk", 28),
        QUARTER("1–3 months", "1–3 mo", 91),
        HALF_YEAR("3–6 months", "3–6 mo", 182),
        YEAR("6–12 months", "6–12 mo", 365),
        OLDER("> 1 year", "> 1 yr", 0),
        UNDATED("no date", "no date", 0);

        private final String label;
        private final String shortLabel;
        private final Optional<Duration> under;

        Age(String label, String shortLabel, int underDays) {
            this.label = label;
            this.shortLabel = shortLabel;
            this.under = underDays > 0 ? Optional.of(Duration.ofDays(underDays)) : Optional.empty();
        }

        public String label() {
            return label;
        }

        /** The label where room is short (a chart's axis). */
        public String shortLabel() {
            return shortLabel;
        }

        /**
         * The bracket of an image created at {@code created}, seen at {@code at}. A date in the future
         * (a clock ahead of the registry's) reads as the youngest.
         */
        public static Age of(Optional<Instant> created, Instant at) {
            if (created.isEmpty()) return UNDATED;
            Duration age = Duration.between(created.get(), at);
            for (Age bracket : values()) {
                if (bracket.under.isPresent() && age.compareTo(bracket.under.get()) < 0) return bracket;
            }
            return OLDER;
        }
    }

    /** One bracket: how many images and how many bytes of them stay, and go. */
    public record Bucket(Age age, int keptImages, long keptBytes, int deletedImages, long deletedBytes) {

        public Bucket {
            Objects.requireNonNull(age, "age");
            if (keptImages < 0 || keptBytes < 0 || deletedImages < 0 || deletedBytes < 0) {
                throw new IllegalArgumentException("negative count in " + age);
            }
        }

        static Bucket empty(Age age) {
            return new Bucket(age, 0, 0, 0, 0);
        }

        Bucket plus(ImageSummary image, boolean deleted) {
            return deleted ? new Bucket(age, keptImages, keptBytes, deletedImages + 1, deletedBytes + image.size())
                    : new Bucket(age, keptImages + 1, keptBytes + image.size(), deletedImages, deletedBytes);
        }
    }

    public AgeHistogram {
        Objects.requireNonNull(at, "at");
        buckets = List.copyOf(buckets);
    }

    /**
     * Sorts the tagged images of every repository {@code plan} covers by age at the time of the plan.
     * An image goes when the plan deletes its digest, whatever the fate of its tags. A tag whose
     * manifest could not be read has no size and is left out.
     *
     * @param snapshots the snapshots the plan was made from (others are ignored)
     * @throws IllegalArgumentException when a planned repository has no snapshot
     */
    public static AgeHistogram of(CleanupPlan plan, Collection<RepositorySnapshot> snapshots) {
        Map<String, RepositorySnapshot> byRepository = snapshots.stream()
                .collect(Collectors.toMap(RepositorySnapshot::repository, Function.identity(), (a, b) -> b));
        Map<Age, Bucket> buckets = new EnumMap<>(Age.class);
        for (Age age : Age.values()) buckets.put(age, Bucket.empty(age));
        for (RepositoryPlan repository : plan.repositories()) {
            RepositorySnapshot snapshot = byRepository.get(repository.repository());
            if (snapshot == null) throw new IllegalArgumentException("no snapshot of planned repository " + repository.repository());
            Set<Digest> deleted = repository.deletions().stream().map(ManifestDeletion::digest).collect(Collectors.toSet());
            for (Digest digest : snapshot.tagsByDigest().keySet()) {
                snapshot.image(digest).ifPresent(image -> buckets.compute(Age.of(image.created(), plan.plannedAt()),
                        (age, bucket) -> bucket.plus(image, deleted.contains(digest))));
            }
        }
        return new AgeHistogram(plan.plannedAt(), List.copyOf(buckets.values()));
    }

    /** The bracket {@code age}. */
    public Bucket bucket(Age age) {
        return buckets.stream().filter(b -> b.age() == age).findFirst().orElseThrow();
    }
}
