package dev.berth.cleanup;

import dev.berth.domain.Digest;
import dev.berth.domain.MediaType;
import dev.berth.domain.RawBytes;
import java.util.List;
import java.util.Objects;

/**
 * One deleted manifest as the journal keeps it, written BEFORE the delete: the exact bytes and
 * media type (so undo re-creates the identical digest, T14) and every tag it had.
 *
 * @param sequence order of deletion within the operation; undo goes backwards (children and
 *                 subjects before the index or referrer that points at them)
 */
public record JournalEntry(int sequence, String repository, Digest digest, MediaType mediaType, RawBytes manifest,
        List<String> tags, ManifestDeletion.Role role, State state, String message) {

    /** What became of the delete. */
    public enum State {
        /** Journaled, the delete not (yet) confirmed: crash, cancel or a broken connection mid-request. Undo checks. */
        PENDING,
        DELETED,
        /** The registry refused or the request failed: the manifest is still there. */
        NOT_DELETED,
        /** Someone else deleted it first. */
        ALREADY_GONE
    }

    public JournalEntry {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(manifest, "manifest");
        tags = List.copyOf(tags);
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(message, "message");
        if (!manifest.digest(digest.algorithm()).equals(digest)) {
            throw new IllegalArgumentException("journal entry for " + digest + " holds bytes of another manifest");
        }
    }

    JournalEntry settled(State newState, String newMessage) {
        return new JournalEntry(sequence, repository, digest, mediaType, manifest, tags, role, newState, newMessage);
    }

    /** True when undo may have something to put back. */
    public boolean mayNeedRestore() {
        return state == State.DELETED || state == State.PENDING;
    }
}
