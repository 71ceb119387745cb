package dev.berth.cleanup;

import java.util.List;
import java.util.Objects;

/**
 * The summary of an undo.
 *
 * @param unrestorable journal entries that could not be read, so their manifests were not put back
 */
public record RestoreResult(String journalId, List<RestoreOutcome> outcomes, boolean cancelled, List<JournalDamage> unrestorable) {

    public RestoreResult {
        Objects.requireNonNull(journalId, "journalId");
        outcomes = List.copyOf(outcomes);
        unrestorable = List.copyOf(unrestorable);
    }

    public RestoreResult(String journalId, List<RestoreOutcome> outcomes, boolean cancelled) {
        this(journalId, outcomes, cancelled, List.of());
    }

    public List<RestoreOutcome> with(RestoreOutcome.Status status) {
        return outcomes.stream().filter(o -> o.status() == status).toList();
    }

    /** True when every deleted manifest is back (or was never gone). */
    public boolean complete() {
        return !cancelled && unrestorable.isEmpty() && outcomes.stream().allMatch(o -> switch (o.status()) {
            case RESTORED, PRESENT, NOT_NEEDED -> true;
            default -> false;
        });
    }
}
