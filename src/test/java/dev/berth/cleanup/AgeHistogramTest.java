package dev.berth.cleanup;

import static dev.berth.cleanup.Snapshots.digest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.browse.RepositorySnapshot;
import dev.berth.cleanup.AgeHistogram.Age;
import dev.berth.cleanup.AgeHistogram.Bucket;
import dev.berth.domain.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Image sizes by age on synthetic snapshots: the brackets, what counts as an image, and what counts as deleted. */
class AgeHistogramTest {

    static final Instant NOW = CleanupPlannerTest.NOW;

    static Stream<Arguments> ages() {
        return Stream.of(
                Arguments.of("just pushed", Optional.of(NOW), Age.WEEK),
                Arguments.of("a clock ahead of the registry's", Optional.of(NOW.plus(Duration.ofDays(2))), Age.WEEK),
                Arguments.of("a second short of a week", Optional.of(NOW.minus(Duration.ofDays(7)).plusSeconds(1)), Age.WEEK),
                Arguments.of("a week", Optional.of(NOW.minus(Duration.ofDays(7))), Age.MONTH),
                Arguments.of("four weeks", Optional.of(NOW.minus(Duration.ofDays(28))), Age.QUARTER),
                Arguments.of("90 days", Optional.of(NOW.minus(Duration.ofDays(90))), Age.QUARTER),
                Arguments.of("91 days", Optional.of(NOW.minus(Duration.ofDays(91))), Age.HALF_YEAR),
                Arguments.of("182 days", Optional.of(NOW.minus(Duration.ofDays(182))), Age.YEAR),
                Arguments.of("364 days", Optional.of(NOW.minus(Duration.ofDays(364))), Age.YEAR),
                Arguments.of("a year", Optional.of(NOW.minus(Duration.ofDays(365))), Age.OLDER),
                Arguments.of("the epoch", Optional.of(Instant.EPOCH), Age.OLDER),
                Arguments.of("no created date", Optional.<Instant>empty(), Age.UNDATED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ages")
    void anImageFallsInTheBracketOfItsAge(String name, Optional<Instant> created, Age expected) {
        assertEquals(expected, Age.of(created, NOW));
    }

    /** Each image as "bracket kept-images kept-bytes deleted-images deleted-bytes". */
    static Stream<Arguments> histograms() {
        // app(): A 2 days (1100 B), B 31 days (1200), C 92 days (1300), D 151 days (450), E 182 days (1500), F undated (600).
        return Stream.of(
                Arguments.of("keep the newest 2: C, D and E go", List.of(CleanupPlannerTest.app()), RetentionRules.keepLast(2), List.of(
                        bucket(Age.WEEK, 1, 1100, 0, 0), bucket(Age.QUARTER, 1, 1200, 0, 0), bucket(Age.HALF_YEAR, 0, 0, 2, 1300 + 450),
                        bucket(Age.YEAR, 0, 0, 1, 1500), bucket(Age.UNDATED, 1, 600, 0, 0))),
                Arguments.of("nothing old enough: all kept", List.of(CleanupPlannerTest.app()), RetentionRules.olderThan(Duration.ofDays(3650)),
                        List.of(bucket(Age.WEEK, 1, 1100, 0, 0), bucket(Age.QUARTER, 1, 1200, 0, 0), bucket(Age.HALF_YEAR, 2, 1300 + 450, 0, 0),
                                bucket(Age.YEAR, 1, 1500, 0, 0), bucket(Age.UNDATED, 1, 600, 0, 0))),
                Arguments.of("an image with three tags counts once; a kept tag keeps C whose pr-12 matched",
                        List.of(CleanupPlannerTest.app()), RetentionRules.keepLast(0).withInclude("pr-.*"), List.of(
                        bucket(Age.WEEK, 1, 1100, 0, 0), bucket(Age.QUARTER, 1, 1200, 0, 0), bucket(Age.HALF_YEAR, 2, 1300 + 450, 0, 0),
                        bucket(Age.YEAR, 0, 0, 1, 1500), bucket(Age.UNDATED, 1, 600, 0, 0))),
                // I1 2 days: c1 505 + c2 606 + att1 10; I2 151 days: c3 707 + c2 606. Untagged children count in their index only.
                Arguments.of("an index counts once with its platforms' blobs", List.of(CleanupPlannerTest.multiArch()), RetentionRules.keepLast(1),
                        List.of(bucket(Age.WEEK, 1, 1121, 0, 0), bucket(Age.HALF_YEAR, 0, 0, 1, 1313))),
                Arguments.of("the same image in two repositories counts in each", List.of(twin("team/one"), twin("team/two")),
                        RetentionRules.keepLast(1), List.of(bucket(Age.WEEK, 2, 200, 0, 0), bucket(Age.OLDER, 0, 0, 2, 2000))),
                Arguments.of("a tag whose manifest could not be read has no size", List.of(Snapshots.repository("team/odd")
                        .image("A", "2025-05-30T00:00:00Z", "a", 10).tag("A", "v1").unreadableTag("gone", "v0").build()),
                        RetentionRules.keepLast(5), List.of(bucket(Age.WEEK, 1, 10, 0, 0))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("histograms")
    void sizesByAgeFollowThePlansDeletions(String name, List<RepositorySnapshot> snapshots, RetentionRules rules, List<Bucket> expected) {
        CleanupPlan plan = CleanupPlanner.plan(snapshots, CleanupPolicy.everywhere(rules), NOW);
        AgeHistogram histogram = AgeHistogram.of(plan, snapshots);
        assertEquals(Arrays.asList(Age.values()), histogram.buckets().stream().map(Bucket::age).toList(), "every bracket, in order");
        assertEquals(expected, histogram.buckets().stream().filter(b -> b.keptImages() + b.deletedImages() > 0).toList());
        assertEquals(NOW, histogram.at());
    }

    @Test
    void theDeletionsDecideNotTheFatesOfTags() {
        // A plan whose tags all stay (as when a tag is only removed) but which deletes B's digest: B counts as deleted.
        RepositorySnapshot app = CleanupPlannerTest.app();
        ManifestDeletion b = new ManifestDeletion("team/app", digest("B"), MediaType.OCI_MANIFEST, List.of(), ManifestDeletion.Role.TAGGED,
                new Reason.Selected("v1.3.0"), List.of(), 1200);
        CleanupPlan plan = new CleanupPlan(app.registry(), NOW, List.of(new RepositoryPlan("team/app", Optional.empty(), List.of(),
                List.of(b), List.of(), List.of(), List.of())), new Reclaimable(0, 0, 0));
        AgeHistogram histogram = AgeHistogram.of(plan, List.of(app));
        assertEquals(bucket(Age.QUARTER, 0, 0, 1, 1200), histogram.bucket(Age.QUARTER));
        assertEquals(bucket(Age.WEEK, 1, 1100, 0, 0), histogram.bucket(Age.WEEK));
    }

    @Test
    void aPlannedRepositoryWithoutItsSnapshotIsAMistake() {
        CleanupPlan plan = CleanupPlanner.plan(CleanupPlannerTest.app(), RetentionRules.keepLast(2), NOW);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> AgeHistogram.of(plan, List.of(CleanupPlannerTest.multiArch())));
        assertEquals("no snapshot of planned repository team/app", error.getMessage());
    }

    /** A new image (2 days, 100 B) and an old one (2020, 1000 B), with the same digests wherever they are pushed. */
    private static RepositorySnapshot twin(String repository) {
        return Snapshots.repository(repository)
                .image("new", "2025-05-30T00:00:00Z", "n", 100).tag("new", "v2")
                .image("old", "2020-01-01T00:00:00Z", "o", 1000).tag("old", "v1")
                .build();
    }

    private static Bucket bucket(Age age, int keptImages, long keptBytes, int deletedImages, long deletedBytes) {
        return new Bucket(age, keptImages, keptBytes, deletedImages, deletedBytes);
    }
}
