package dev.berth.cleanup;

import java.util.List;
import java.util.Objects;

/** The summary of an undo. */
public record RestoreResult(String journalId, List<RestoreOutcome> outcomes, boolean cancelled) {

    public RestoreResult {
        Objects.requireNonNull(journalId, "journalId");
        outcomes = List.copyOf(outcomes);
    }

    public List<RestoreOutcome> with(RestoreOutcome.Status status) {
        return outcomes.stream().filter(o -> o.status() == status).toList();
    }

    /** True when every deleted manifest is back (or was never gone). */
    public boolean complete() {
        return !cancelled && outcomes.stream().allMatch(o -> switch (o.status()) {
            case RESTORED, PRESENT, NOT_NEEDED -> true;
            default -> false;
        });
    }
}
