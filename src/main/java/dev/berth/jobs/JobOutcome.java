package dev.berth.jobs;

import dev.berth.domain.Digest;
import java.util.Objects;
import java.util.Optional;

/** What a finished job produced: the digest now at the destination, the bytes moved, a line about how. */
public record JobOutcome(Optional<Digest> digest, long bytes, String note) {

    public JobOutcome {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(note, "note");
    }
}
