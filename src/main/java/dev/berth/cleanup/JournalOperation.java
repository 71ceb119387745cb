package dev.berth.cleanup;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One journaled operation (a cleanup run or one {@code rm}), as read back for listing and undo.
 *
 * @param entries the entries that could be read
 * @param damage  the parts that could not (files left as they are), so a listing and undo can say so
 */
public record JournalOperation(String id, Kind kind, String registry, String apiHost, Instant started, String description,
        List<JournalEntry> entries, Optional<Instant> undone, List<JournalDamage> damage) {

    public enum Kind {
        CLEANUP, RM,
        /** {@code operation.json} names a kind this Berth does not know (damaged, or written by a newer one). */
        UNKNOWN
    }

    public JournalOperation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(apiHost, "apiHost");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(description, "description");
        entries = entries.stream().sorted(Comparator.comparingInt(JournalEntry::sequence)).toList();
        Objects.requireNonNull(undone, "undone");
        damage = List.copyOf(damage);
    }

    /** An operation read back whole. */
    public JournalOperation(String id, Kind kind, String registry, String apiHost, Instant started, String description,
            List<JournalEntry> entries, Optional<Instant> undone) {
        this(id, kind, registry, apiHost, started, description, entries, undone, List.of());
    }

    /** The damaged entry files: manifests undo cannot put back from the journal. */
    public List<JournalDamage> unrestorable() {
        return damage.stream().filter(JournalDamage::blocksRestore).toList();
    }

    public long deletedCount() {
        return entries.stream().filter(e -> e.state() == JournalEntry.State.DELETED).count();
    }
}
