package dev.berth.cleanup;

import dev.berth.browse.ImageSummary;
import dev.berth.browse.RepositorySnapshot;
import dev.berth.domain.Digest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns snapshots, a policy and the current time into a {@link CleanupPlan}. Pure and
 * deterministic: no I/O, no clock of its own, so a preview can be recomputed on every keystroke of
 * a rule and tested on synthetic snapshots.
 */
public final class CleanupPlanner {

    private CleanupPlanner() {}

    /** Plans one repository with {@code rules}, deleting by digest only. */
    public static CleanupPlan plan(RepositorySnapshot snapshot, RetentionRules rules, Instant now) {
        return plan(snapshot, rules, now, Untagging.UNAVAILABLE);
    }

    /** Plans one repository with {@code rules}. */
    public static CleanupPlan plan(RepositorySnapshot snapshot, RetentionRules rules, Instant now, Untagging untagging) {
        return plan(List.of(snapshot), new CleanupPolicy(List.of(new PolicyScope(snapshot.repository(), rules))), now, untagging);
    }

    /** {@link #plan(List, CleanupPolicy, Instant, Untagging)}, deleting by digest only. */
    public static CleanupPlan plan(List<RepositorySnapshot> snapshots, CleanupPolicy policy, Instant now) {
        return plan(snapshots, policy, now, Untagging.UNAVAILABLE);
    }

    /**
     * Plans every snapshot (all of one registry) with the rules the policy gives its repository.
     * Reclaimable space is computed over all of them together: a layer shared between two planned
     * repositories counts only if neither keeps it. Untagged tags free nothing: their images stay.
     */
    public static CleanupPlan plan(List<RepositorySnapshot> snapshots, CleanupPolicy policy, Instant now, Untagging untagging) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(untagging, "untagging");
        if (snapshots.isEmpty()) throw new IllegalArgumentException("nothing to plan: no repository");
        String registry = snapshots.getFirst().registry();
        Set<String> seen = new HashSet<>();
        List<RepositoryPlan> plans = new ArrayList<>();
        for (RepositorySnapshot snapshot : snapshots) {
            if (!snapshot.registry().equals(registry)) {
                throw new IllegalArgumentException("one plan covers one registry: " + registry + " and " + snapshot.registry());
            }
            if (!seen.add(snapshot.repository())) throw new IllegalArgumentException(snapshot.repository() + " is listed twice");
            plans.add(new RepositoryPlanning(snapshot, policy.rulesFor(snapshot.repository()), now, untagging).plan());
        }
        return new CleanupPlan(registry, now, plans, reclaimable(snapshots, plans));
    }

    /** Blobs of deleted manifests that no remaining manifest of any planned repository uses. */
    private static Reclaimable reclaimable(List<RepositorySnapshot> snapshots, List<RepositoryPlan> plans) {
        Map<Digest, Long> freed = new HashMap<>();
        Set<Digest> kept = new HashSet<>();
        for (int i = 0; i < snapshots.size(); i++) {
            RepositorySnapshot snapshot = snapshots.get(i);
            Set<Digest> deleted = new HashSet<>();
            plans.get(i).deletions().forEach(d -> deleted.add(d.digest()));
            for (ImageSummary image : snapshot.images().values()) {
                if (deleted.contains(image.digest())) freed.putAll(image.blobs());
                else kept.addAll(image.blobs().keySet());
            }
        }
        long bytes = 0;
        long shared = 0;
        int blobs = 0;
        for (Map.Entry<Digest, Long> blob : freed.entrySet()) {
            if (kept.contains(blob.getKey())) {
                shared += blob.getValue();
            } else {
                bytes += blob.getValue();
                blobs++;
            }
        }
        return new Reclaimable(bytes, blobs, shared);
    }
}
