package dev.berth.cleanup;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One journaled operation (a cleanup run or one {@code rm}), as read back for listing and undo. */
public record JournalOperation(String id, Kind kind, String registry, String apiHost, Instant started, String description,
        List<JournalEntry> entries, Optional<Instant> undone) {

    public enum Kind { CLEANUP, RM }

    public JournalOperation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(apiHost, "apiHost");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(description, "description");
        entries = entries.stream().sorted(Comparator.comparingInt(JournalEntry::sequence)).toList();
        Objects.requireNonNull(undone, "undone");
    }

    public long deletedCount() {
        return entries.stream().filter(e -> e.state() == JournalEntry.State.DELETED).count();
    }
}
