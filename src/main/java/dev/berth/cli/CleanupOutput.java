package dev.berth.cli;

import dev.berth.domain.Plural;
import dev.berth.cleanup.ApplyResult;
import dev.berth.cleanup.CleanupPlan;
import dev.berth.cleanup.DeletionOutcome;
import dev.berth.cleanup.GarbageCollectionAdvice;
import dev.berth.cleanup.ManifestDeletion;
import dev.berth.cleanup.Reclaimable;
import dev.berth.cleanup.TagDecision;
import dev.berth.cleanup.TagRemoval;
import dev.berth.domain.ByteSize;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The preview and the apply summary of {@code berth cleanup}, as a table or as JSON. */
final class CleanupOutput {

    private CleanupOutput() {}

    static Map<String, Object> json(CleanupPlan plan, Optional<ApplyResult> applied) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("registry", plan.registry());
        json.put("dryRun", applied.isEmpty());
        List<Map<String, Object>> delete = new ArrayList<>();
        List<Map<String, Object>> untag = new ArrayList<>();
        List<Map<String, Object>> keep = new ArrayList<>();
        for (TagDecision tag : plan.tags()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("repository", tag.repository());
            entry.put("tag", tag.tag());
            entry.put("digest", tag.digest().toString());
            switch (tag.fate()) {
                case DELETE -> delete.add(entry);
                case UNTAG -> {
                    entry.put("reason", tag.reason().describe());
                    untag.add(entry);
                }
                case KEEP -> {
                    entry.put("reason", tag.reason().describe());
                    keep.add(entry);
                }
            }
        }
        json.put("delete", delete);
        json.put("untag", untag);
        json.put("keep", keep);
        json.put("keptWithTheirImage", plan.keptWithTheirImage());
        List<Map<String, Object>> manifests = new ArrayList<>();
        for (ManifestDeletion d : plan.deletions()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("repository", d.repository());
            entry.put("digest", d.digest().toString());
            entry.put("mediaType", d.mediaType().value());
            entry.put("role", d.role().name().toLowerCase(java.util.Locale.ROOT));
            entry.put("tags", d.tags());
            entry.put("reason", d.reason().describe());
            manifests.add(entry);
        }
        json.put("manifests", manifests);
        json.put("reclaimableBytes", plan.reclaimable().bytes());
        json.put("reclaimableIsLowerBound", true);
        json.put("reclaimableNote", Reclaimable.EXPLANATION);
        json.put("warnings", plan.warnings());
        applied.ifPresent(result -> json.put("applied", applied(result)));
        return json;
    }

    private static Map<String, Object> applied(ApplyResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("journal", result.journalId());
        json.put("deleted", result.deleted());
        json.put("untagged", result.untagged());
        json.put("complete", result.complete());
        json.put("cancelled", result.cancelled());
        json.put("stopReason", result.stopReason().orElse(null));
        List<Map<String, Object>> problems = new ArrayList<>();
        for (DeletionOutcome o : result.outcomes()) {
            if (o.gone()) continue;
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("repository", o.removal().repository());
            if (o.removal() instanceof TagRemoval t) entry.put("tag", t.tag());
            entry.put("digest", o.removal().digest().toString());
            entry.put("status", o.status().name().toLowerCase(java.util.Locale.ROOT));
            entry.put("message", o.message());
            problems.add(entry);
        }
        json.put("notDeleted", problems);
        return json;
    }

    static void table(CleanupPlan plan, boolean dryRun, PrintWriter out) {
        out.println((dryRun ? "Cleanup preview (dry run) for " : "Cleanup of ") + plan.registry());
        int repoWidth = Math.max(10, plan.tags().stream().mapToInt(t -> t.repository().length()).max().orElse(0));
        int tagWidth = Math.max(3, Math.min(40, plan.tags().stream().mapToInt(t -> t.tag().length()).max().orElse(0)));
        String row = "%-" + repoWidth + "s  %-" + tagWidth + "s  %-12s  %-6s  %s%n";
        out.printf(row, "REPOSITORY", "TAG", "DIGEST", "FATE", "WHY");
        for (TagDecision t : plan.tags()) {
            out.printf(row, t.repository(), t.tag(), t.digest().shortHex(), switch (t.fate()) {
                case DELETE -> "DELETE";
                case UNTAG -> "UNTAG";
                case KEEP -> "keep";
            }, t.reason().describe());
        }
        List<ManifestDeletion> untagged = plan.deletions().stream().filter(d -> d.tags().isEmpty()).toList();
        if (!untagged.isEmpty()) {
            out.println();
            out.println("Manifests without tags deleted with them:");
            untagged.forEach(d -> out.printf("  %s@%s  %s%n", d.repository(), d.digest().shortHex(), d.reason().describe()));
        }
        out.println();
        long tags = plan.tags().stream().filter(TagDecision::deleted).count();
        out.println("Tags to delete:      " + tags + " of " + plan.tags().size() + " in " + plan.repositories().size()
                + " " + Plural.word(plan.repositories().size(), "repository", "repositories"));
        if (!plan.untags().isEmpty()) {
            out.println("Tags to untag:       " + plan.untags().size() + " (only the tag goes; the image stays, so no space comes back)");
        }
        out.println("Manifests to delete: " + plan.deletions().size() + " (" + count(plan, ManifestDeletion.Role.TAGGED) + " tagged, "
                + count(plan, ManifestDeletion.Role.INDEX_CHILD) + " platforms/attestations of deleted indexes, "
                + count(plan, ManifestDeletion.Role.REFERRER) + " signatures/SBOMs of deleted images)");
        out.println("Reclaimable:         at least " + ByteSize.format(plan.reclaimable().bytes()) + " ("
                + Plural.of(plan.reclaimable().blobs(), "blob", "blobs") + "; " + ByteSize.format(plan.reclaimable().keptSharedBytes()) + " of their layers stay, used by kept images)");
        out.println("                     " + Reclaimable.EXPLANATION);
        plan.warnings().forEach(w -> out.println("Warning: " + w));
    }

    private static long count(CleanupPlan plan, ManifestDeletion.Role role) {
        return plan.deletions().stream().filter(d -> d.role() == role).count();
    }

    static void summary(ApplyResult result, PrintWriter out) {
        out.println();
        out.println("Deleted " + Plural.of(result.deleted(), "manifest", "manifests") + "; "
                + (result.untagged() > 0 ? "untagged " + Plural.of(result.untagged(), "tag", "tags") + "; " : "")
                + result.with(DeletionOutcome.Status.ALREADY_GONE).size() + " already gone; " + result.failed() + " failed; "
                + result.skipped() + " skipped.");
        for (DeletionOutcome o : result.outcomes()) {
            if (o.gone()) continue;
            out.println("  " + status(o) + " " + what(o) + ": " + o.message());
        }
        result.stopReason().ifPresent(r -> out.println("Stopped: " + r));
        out.println("Journal: " + result.journalId() + " (undo with: berth undo " + result.journalId() + ")");
    }

    /** {@code deleted}, {@code untagged}, {@code failed}…, for a progress or summary line. */
    static String status(DeletionOutcome o) {
        return o.isUntag() && o.status() == DeletionOutcome.Status.DELETED ? "untagged" : o.status().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** {@code repo@digest (tags)} for a deleted manifest, {@code repo:tag} for an untag. */
    static String what(DeletionOutcome o) {
        return switch (o.removal()) {
            case TagRemoval t -> t.repository() + ":" + t.tag();
            case ManifestDeletion d -> d.repository() + "@" + d.digest().shortHex() + (d.tags().isEmpty() ? "" : " (" + String.join(", ", d.tags()) + ")");
        };
    }

    static void gcAdvice(PrintWriter out) {
        out.println();
        out.print(GarbageCollectionAdvice.distribution().text());
    }
}
