package dev.berth.cleanup;

import static dev.berth.cleanup.Snapshots.digest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.browse.RepositorySnapshot;
import dev.berth.domain.Digest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The planner on synthetic snapshots: rules, digest grouping, indexes, referrers, reclaimable bytes. No network. */
class CleanupPlannerTest {

    static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");

    /**
     * A: 2025-05-30 latest, stable, v1.4.0 · B: 2025-05-01 v1.3.0 · C: 2025-03-01 v1.2.0, pr-12 ·
     * D: 2025-01-01 v0.9.0 · E: 2024-12-01 pr-7 · F: undated nightly. All share the base layer.
     */
    static RepositorySnapshot app() {
        return Snapshots.repository("team/app")
                .image("A", "2025-05-30T00:00:00Z", "base", 1000, "a1", 100).tag("A", "latest", "stable", "v1.4.0")
                .image("B", "2025-05-01T00:00:00Z", "base", 1000, "b1", 200).tag("B", "v1.3.0")
                .image("C", "2025-03-01T00:00:00Z", "base", 1000, "c1", 300).tag("C", "v1.2.0", "pr-12")
                .image("D", "2025-01-01T00:00:00Z", "d0", 400, "d1", 50).tag("D", "v0.9.0")
                .image("E", "2024-12-01T00:00:00Z", "base", 1000, "e1", 500).tag("E", "pr-7")
                .image("F", null, "f1", 600).tag("F", "nightly")
                .build();
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of("keep-last counts images, not tags", RetentionRules.keepLast(2),
                        Set.of("v1.2.0", "pr-12", "v0.9.0", "pr-7")),
                Arguments.of("a protected tag survives", RetentionRules.keepLast(1).withProtect("v1\\.3\\..*"),
                        Set.of("v1.2.0", "pr-12", "v0.9.0", "pr-7")),
                Arguments.of("older-than; undated kept", RetentionRules.olderThan(Duration.ofDays(60)),
                        Set.of("v1.2.0", "pr-12", "v0.9.0", "pr-7")),
                Arguments.of("both rules must allow a delete", RetentionRules.keepLast(3).withOlderThan(Duration.ofDays(100)),
                        Set.of("v0.9.0", "pr-7")),
                Arguments.of("a kept tag keeps its digest", RetentionRules.keepLast(0).withInclude("pr-.*"), Set.of("pr-7")),
                Arguments.of("include alone deletes what it selects",
                        new RetentionRules(java.util.Optional.empty(), java.util.Optional.empty(), List.of(TagPattern.of("pr-.*")),
                                List.of(), List.of(), RetentionRules.Order.CREATED), Set.of("pr-7")),
                Arguments.of("excluded tags are kept and not ranked", RetentionRules.keepLast(2).withExclude("pr-.*"), Set.of("v0.9.0")),
                Arguments.of("version order; non-versions kept", RetentionRules.keepLast(2).withOrder(RetentionRules.Order.VERSION),
                        Set.of("v1.2.0", "pr-12", "v0.9.0")),
                Arguments.of("nothing old enough", RetentionRules.olderThan(Duration.ofDays(3650)), Set.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void rulesDecideWhichTagsGo(String name, RetentionRules rules, Set<String> expectedDeleted) {
        CleanupPlan plan = CleanupPlanner.plan(app(), rules, NOW);
        assertEquals(new TreeSet<>(expectedDeleted), deletedTags(plan));
        for (TagDecision tag : plan.tags()) {
            boolean digestDeleted = plan.deletions().stream().anyMatch(d -> d.digest().equals(tag.digest()));
            assertEquals(digestDeleted, tag.deleted(), "a tag goes exactly when its digest goes: " + tag);
        }
        assertEquals(app().tags().size(), plan.tags().size(), "every tag has a decision");
    }

    @Test
    void everyTagSaysWhichRuleDecided() {
        CleanupPlan plan = CleanupPlanner.plan(app(), RetentionRules.keepLast(2).withProtect("latest"), NOW);
        Map<String, Reason> reasons = plan.tags().stream().collect(Collectors.toMap(TagDecision::tag, TagDecision::reason));
        assertInstanceOf(Reason.Protected.class, reasons.get("latest"));
        assertEquals(new Reason.AmongNewest(1, 2, RetentionRules.Order.CREATED), reasons.get("stable"));
        assertEquals(new Reason.AmongNewest(2, 2, RetentionRules.Order.CREATED), reasons.get("v1.3.0"));
        assertInstanceOf(Reason.Undated.class, reasons.get("nightly"));
        Reason.Expired expired = assertInstanceOf(Reason.Expired.class, reasons.get("v0.9.0"));
        assertEquals(java.util.Optional.of(4), expired.rank());
        assertFalse(reasons.get("v0.9.0").describe().isBlank());
    }

    @Test
    void aTagTheRulesWouldDeleteStaysWhenItsDigestIsKeptAndSaysWhy() {
        CleanupPlan plan = CleanupPlanner.plan(app(), RetentionRules.keepLast(0).withInclude("pr-.*"), NOW);
        TagDecision pr12 = plan.tags().stream().filter(t -> t.tag().equals("pr-12")).findFirst().orElseThrow();
        Reason.SharesDigest shares = assertInstanceOf(Reason.SharesDigest.class, pr12.reason());
        assertEquals("v1.2.0", shares.keptTag());
        assertInstanceOf(Reason.NotSelected.class, shares.because());
    }

    @Test
    void tagsChosenByNameAreTheOnlyOnesSelectedAndTheOthersSaySo() {
        String chosen = java.util.regex.Pattern.quote("pr-12") + "|" + java.util.regex.Pattern.quote("nightly");
        CleanupPlan plan = CleanupPlanner.plan(app(), RetentionRules.keepLast(0).withInclude(chosen), NOW);
        Map<String, Reason> reasons = plan.tags().stream().collect(Collectors.toMap(TagDecision::tag, TagDecision::reason));

        assertEquals("not among the tags chosen for deletion", reasons.get("stable").describe());
        assertFalse(reasons.get("pr-12") instanceof Reason.NotSelected, reasons.get("pr-12").describe());
    }

    @Test
    void whereTheRegistryCanUntagATagWhoseImageStaysIsUntaggedAndFreesNothing() {
        RetentionRules rules = RetentionRules.keepLast(0).withInclude("pr-.*");
        CleanupPlan byDigest = CleanupPlanner.plan(app(), rules, NOW);
        CleanupPlan untagging = CleanupPlanner.plan(app(), rules, NOW, Untagging.AVAILABLE);

        TagDecision pr12 = untagging.tags().stream().filter(t -> t.tag().equals("pr-12")).findFirst().orElseThrow();
        assertEquals(TagDecision.Fate.UNTAG, pr12.fate());
        Reason.Untagged untagged = assertInstanceOf(Reason.Untagged.class, pr12.reason());
        assertInstanceOf(Reason.Expired.class, untagged.because());
        assertEquals("v1.2.0", assertInstanceOf(Reason.SharesDigest.class, untagged.imageStays()).keptTag());
        assertTrue(pr12.reason().describe().contains("only the tag goes"), pr12.reason().describe());
        assertEquals(List.of(new TagRemoval("team/app", "pr-12", digest("C"), List.of("v1.2.0"), pr12.reason())), untagging.untags());

        // The rest of the plan is the same: pr-7's image goes by digest, C stays, no byte more comes back.
        assertEquals(byDigest.deletions(), untagging.deletions());
        assertEquals(byDigest.reclaimable(), untagging.reclaimable());
        assertEquals(List.of("team/app:pr-12"), byDigest.keptWithTheirImage(), "without untagging it is kept, and the plan says why");
        assertEquals(List.of(), untagging.keptWithTheirImage());
        assertEquals(List.of(), byDigest.untags());
        assertEquals(TagDecision.Fate.KEEP, byDigest.tags().stream().filter(t -> t.tag().equals("pr-12")).findFirst().orElseThrow().fate());
    }

    @Test
    void untaggingAloneIsAPlanAndTaggedPlatformsOfAKeptIndexAreUntaggedNotDeleted() {
        RepositorySnapshot s = Snapshots.repository("team/multi")
                .image("c1", "2020-01-01T00:00:00Z", "x1", 500).image("c2", "2020-01-01T00:00:00Z", "x2", 600)
                .index("I", "2025-05-30T00:00:00Z", "c1", "c2").tag("I", "v2").tag("c1", "v2-amd64").build();
        CleanupPlan plan = CleanupPlanner.plan(s, RetentionRules.olderThan(Duration.ofDays(30)), NOW, Untagging.AVAILABLE);
        assertFalse(plan.isEmpty(), "an untag is a change to apply");
        assertEquals(List.of(), plan.deletions());
        TagRemoval amd64 = plan.untags().getFirst();
        assertEquals("v2-amd64", amd64.tag());
        assertEquals(List.of(), amd64.otherTags(), "no other tag: the image stays as a platform of v2");
        assertEquals(new Reason.InKeptIndex(digest("I")), ((Reason.Untagged) amd64.reason()).imageStays());
        assertEquals(0, plan.reclaimable().bytes());
    }

    @Test
    void accessoryTagsAreNeverUntaggedOnTheirOwn() {
        CleanupPlan plan = CleanupPlanner.plan(signed(), RetentionRules.keepLast(1), NOW, Untagging.AVAILABLE);
        assertTrue(plan.untags().isEmpty(), () -> plan.untags().toString());
        assertEquals(CleanupPlanner.plan(signed(), RetentionRules.keepLast(1), NOW).deletions(), plan.deletions());
    }

    @Test
    void untaggingIsOfferedOnlyWhereTheProbeSaysATagDeleteRemovesJustTheTag() {
        for (dev.berth.registry.Capabilities.TagDeletion effect : dev.berth.registry.Capabilities.TagDeletion.values()) {
            assertEquals(effect == dev.berth.registry.Capabilities.TagDeletion.REMOVES_TAG_ONLY ? Untagging.AVAILABLE : Untagging.UNAVAILABLE,
                    Untagging.of(effect), effect.name());
            String why = CleanupMessages.untagUnavailable(effect);
            assertTrue(why.contains("every tag on the image"), why);
        }
        assertTrue(CleanupMessages.untagUnavailable(dev.berth.registry.Capabilities.TagDeletion.NOT_SUPPORTED).contains("400"));
        assertTrue(CleanupMessages.untagUnavailable(dev.berth.registry.Capabilities.TagDeletion.ACCEPTED_EFFECT_UNKNOWN).contains("check"));
    }

    @Test
    void reclaimableCountsSharedLayersOnlyWhenNothingKeptUsesThemAndOnce() {
        // Deleted: C (base, c1), D (d0, d1), E (base, e1). base stays: A and B keep it.
        CleanupPlan plan = CleanupPlanner.plan(app(), RetentionRules.keepLast(2), NOW);
        assertEquals(300 + 400 + 50 + 500, plan.reclaimable().bytes());
        assertEquals(4, plan.reclaimable().blobs());
        assertEquals(1000, plan.reclaimable().keptSharedBytes());

        // Deleting everything dated but A: base still kept by A.
        CleanupPlan most = CleanupPlanner.plan(app(), RetentionRules.keepLast(1), NOW);
        assertEquals(200 + 300 + 400 + 50 + 500, most.reclaimable().bytes());

        // Only E and F use... nothing kept uses base once A-E are all deleted: counted once, not four times.
        RepositorySnapshot two = Snapshots.repository("x/y")
                .image("P", "2025-01-01T00:00:00Z", "shared", 1000, "p", 1).tag("P", "p")
                .image("Q", "2025-01-02T00:00:00Z", "shared", 1000, "q", 2).tag("Q", "q").build();
        assertEquals(1003, CleanupPlanner.plan(two, RetentionRules.olderThan(Duration.ofDays(1)), NOW).reclaimable().bytes());
    }

    @Test
    void layersSharedWithAnotherPlannedRepositoryCountOnlyIfThatOneDropsThemToo() {
        RepositorySnapshot one = Snapshots.repository("a/one").image("O", "2020-01-01T00:00:00Z", "base", 1000, "o", 10).tag("O", "old").build();
        RepositorySnapshot two = Snapshots.repository("a/two").image("T", "2025-05-31T00:00:00Z", "base", 1000, "t", 20).tag("T", "new").build();
        CleanupPlan plan = CleanupPlanner.plan(List.of(one, two), CleanupPolicy.everywhere(RetentionRules.olderThan(Duration.ofDays(30))), NOW);
        assertEquals(10, plan.reclaimable().bytes());
        assertEquals(1000, plan.reclaimable().keptSharedBytes());
    }

    /** I1 (new, v2): c1, c2, att1 · I2 (old, v1): c3, c2 (shared child). */
    static RepositorySnapshot multiArch() {
        return Snapshots.repository("team/multi")
                .image("c1", "2025-05-30T00:00:00Z", "x1", 500, "cfg1", 5)
                .image("c2", "2025-01-01T00:00:00Z", "x2", 600, "cfg2", 6)
                .image("att1", null, "s1", 10)
                .image("c3", "2025-01-01T00:00:00Z", "x3", 700, "cfg3", 7)
                .index("I1", "2025-05-30T00:00:00Z", "c1", "c2", "att1").tag("I1", "v2")
                .index("I2", "2025-01-01T00:00:00Z", "c3", "c2").tag("I2", "v1")
                .build();
    }

    @Test
    void childrenOfAKeptIndexAreProtectedAndChildrenOfADeletedOneGoAfterIt() {
        CleanupPlan plan = CleanupPlanner.plan(multiArch(), RetentionRules.keepLast(1), NOW);
        List<Digest> order = plan.deletions().stream().map(ManifestDeletion::digest).toList();
        assertEquals(List.of(digest("I2"), digest("c3")), order, "the index first, then its own child; the shared child stays");
        ManifestDeletion child = plan.deletions().get(1);
        assertEquals(ManifestDeletion.Role.INDEX_CHILD, child.role());
        assertEquals(new Reason.ChildOfDeleted(digest("I2")), child.reason());
        assertEquals(List.of(digest("c3")), plan.deletions().get(0).pointsTo());
        assertEquals(700 + 7, plan.reclaimable().bytes());
    }

    @Test
    void aTaggedPlatformOfAKeptIndexIsKeptWhateverTheRulesSay() {
        RepositorySnapshot s = Snapshots.repository("team/multi")
                .image("c1", "2020-01-01T00:00:00Z", "x1", 500).image("c2", "2020-01-01T00:00:00Z", "x2", 600)
                .index("I", "2025-05-30T00:00:00Z", "c1", "c2").tag("I", "v2").tag("c1", "v2-amd64").build();
        CleanupPlan plan = CleanupPlanner.plan(s, RetentionRules.olderThan(Duration.ofDays(30)), NOW);
        TagDecision amd64 = plan.tags().stream().filter(t -> t.tag().equals("v2-amd64")).findFirst().orElseThrow();
        assertEquals(new Reason.InKeptIndex(digest("I")), amd64.reason());
        assertTrue(plan.isEmpty());
    }

    /** S1 old (v1), S2 new (v2); G1 signs S1 (listed by the fallback tag index R1), G2 signs S2, Q2 a cosign .sig tag. */
    static RepositorySnapshot signed() {
        return Snapshots.repository("team/signed")
                .image("S1", "2025-01-01T00:00:00Z", "l1", 100).tag("S1", "v1")
                .image("S2", "2025-05-30T00:00:00Z", "l2", 200).tag("S2", "v2")
                .referrer("G1", "S1", "sig1", 11)
                .referrer("G2", "S2", "sig2", 12)
                .index("R1", null, "G1").tag("R1", "sha256-" + digest("S1").hex())
                .image("Q2", null, "q2", 13).tag("Q2", "sha256-" + digest("S2").hex() + ".sig")
                .image("Z", null, "z", 14).tag("Z", "sha256-" + digest("nowhere").hex())
                .build();
    }

    @Test
    void referrersFollowTheirSubjectAndGoBeforeIt() {
        CleanupPlan plan = CleanupPlanner.plan(signed(), RetentionRules.keepLast(1), NOW);
        List<Digest> order = plan.deletions().stream().map(ManifestDeletion::digest).toList();
        assertEquals(Set.of(digest("S1"), digest("G1"), digest("R1")), Set.copyOf(order));
        assertTrue(order.indexOf(digest("R1")) < order.indexOf(digest("G1")), "the referrers index before the signature it lists");
        assertTrue(order.indexOf(digest("G1")) < order.indexOf(digest("S1")), "the signature before its subject");
        Map<String, TagDecision> tags = plan.tags().stream().collect(Collectors.toMap(TagDecision::tag, t -> t));
        assertEquals(new Reason.ReferrerOfDeleted(digest("S1")), tags.get("sha256-" + digest("S1").hex()).reason());
        assertEquals(new Reason.ReferrerOfKept(digest("S2")), tags.get("sha256-" + digest("S2").hex() + ".sig").reason());
        assertInstanceOf(Reason.OrphanedReferrer.class, tags.get("sha256-" + digest("nowhere").hex()).reason());
        assertEquals(100 + 11, plan.reclaimable().bytes());
        ManifestDeletion signature = plan.deletions().stream().filter(d -> d.digest().equals(digest("G1"))).findFirst().orElseThrow();
        assertEquals(ManifestDeletion.Role.REFERRER, signature.role());
    }

    @Test
    void aProtectedReferrerProtectsItsSubject() {
        CleanupPlan plan = CleanupPlanner.plan(signed(), RetentionRules.keepLast(1).withProtect("sha256-.*"), NOW);
        assertTrue(plan.isEmpty(), () -> plan.deletions().toString());
        TagDecision v1 = plan.tags().stream().filter(t -> t.tag().equals("v1")).findFirst().orElseThrow();
        assertEquals(new Reason.SubjectOfKeptReferrer(digest("G1")), v1.reason());
    }

    @Test
    void unreadableManifestsAreKeptWithAWarning() {
        RepositorySnapshot s = Snapshots.repository("x/legacy").image("A", "2020-01-01T00:00:00Z", "a", 1).tag("A", "new")
                .unreadableTag("schema1", "ancient").build();
        CleanupPlan plan = CleanupPlanner.plan(s, RetentionRules.olderThan(Duration.ofDays(1)), NOW);
        assertEquals(Set.of("new"), deletedTags(plan));
        assertInstanceOf(Reason.Unreadable.class, plan.tags().stream().filter(t -> t.tag().equals("ancient")).findFirst().orElseThrow().reason());
        assertEquals(1, plan.warnings().size());
    }

    @Test
    void aRepositoryNoScopeNamesIsLeftAlone() {
        CleanupPolicy policy = new CleanupPolicy(List.of(new PolicyScope("other/", RetentionRules.keepLast(0).withInclude(".*"))));
        CleanupPlan plan = CleanupPlanner.plan(List.of(app()), policy, NOW);
        assertTrue(plan.isEmpty());
        assertTrue(plan.tags().stream().allMatch(t -> t.reason() instanceof Reason.NoRules));
    }

    @Test
    void theMostSpecificScopeWins() {
        RetentionRules everywhere = RetentionRules.keepLast(10);
        RetentionRules team = RetentionRules.keepLast(5);
        RetentionRules app = RetentionRules.keepLast(1);
        CleanupPolicy policy = new CleanupPolicy(List.of(new PolicyScope("*", everywhere), new PolicyScope("team/", team),
                new PolicyScope("team/app", app)));
        assertEquals(app, policy.rulesFor("team/app").orElseThrow());
        assertEquals(team, policy.rulesFor("team/api").orElseThrow());
        assertEquals(team, policy.rulesFor("team/app/sub").orElseThrow());
        assertEquals(everywhere, policy.rulesFor("other").orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> new CleanupPolicy(List.of(new PolicyScope("a/", team), new PolicyScope("a/", app))));
    }

    @Test
    void rulesThatWouldDeleteEverythingAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RetentionRules(java.util.Optional.empty(),
                java.util.Optional.empty(), List.of(), List.of(), List.of(TagPattern.of("latest")), RetentionRules.Order.CREATED));
        assertTrue(e.getMessage().contains("every tag"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RetentionRules.keepLast(-1));
        assertThrows(IllegalArgumentException.class, () -> TagPattern.of("v1.(("));
    }

    @Test
    void patternsMatchWholeTags() {
        CleanupPlan plan = CleanupPlanner.plan(app(), RetentionRules.keepLast(0).withProtect("v1"), NOW);
        assertTrue(deletedTags(plan).contains("v1.2.0"), "'v1' must not protect v1.2.0");
    }

    @Test
    void planningIsDeterministic() {
        RetentionRules rules = RetentionRules.keepLast(2);
        assertEquals(CleanupPlanner.plan(signed(), rules, NOW), CleanupPlanner.plan(signed(), rules, NOW));
        assertEquals(CleanupPlanner.plan(multiArch(), rules, NOW), CleanupPlanner.plan(multiArch(), rules, NOW));
    }

    private static TreeSet<String> deletedTags(CleanupPlan plan) {
        return plan.tags().stream().filter(TagDecision::deleted).map(TagDecision::tag).collect(Collectors.toCollection(TreeSet::new));
    }
}
