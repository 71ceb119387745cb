package dev.berth.cleanup;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The summary of an apply: every planned deletion and untag with its outcome, the journal operation that
 * can undo it, and why the run stopped early, if it did.
 */
public record ApplyResult(String journalId, List<DeletionOutcome> outcomes, boolean cancelled, Optional<String> stopReason) {

    public ApplyResult {
        Objects.requireNonNull(journalId, "journalId");
        outcomes = List.copyOf(outcomes);
        Objects.requireNonNull(stopReason, "stopReason");
    }

    public List<DeletionOutcome> with(DeletionOutcome.Status status) {
        return outcomes.stream().filter(o -> o.status() == status).toList();
    }

    /** Manifests deleted (untags not counted). */
    public int deleted() {
        return (int) with(DeletionOutcome.Status.DELETED).stream().filter(o -> !o.isUntag()).count();
    }

    /** Tags removed on their own. */
    public int untagged() {
        return (int) with(DeletionOutcome.Status.DELETED).stream().filter(DeletionOutcome::isUntag).count();
    }

    /** True when the registry was changed, so there is something to undo. */
    public boolean changedAnything() {
        return !with(DeletionOutcome.Status.DELETED).isEmpty();
    }

    public int failed() {
        return with(DeletionOutcome.Status.FAILED).size();
    }

    public int skipped() {
        return with(DeletionOutcome.Status.SKIPPED).size();
    }

    /** True when everything planned is gone. */
    public boolean complete() {
        return outcomes.stream().allMatch(DeletionOutcome::gone);
    }
}
