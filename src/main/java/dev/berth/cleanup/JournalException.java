package dev.berth.cleanup;

import java.io.IOException;
import java.util.Optional;

/** The journal cannot be used as asked; the message says why and what to do. */
public final class JournalException extends IOException {

    private final transient Optional<DamagedOperation> damaged;

    JournalException(String message) {
        super(message);
        this.damaged = Optional.empty();
    }

    JournalException(DamagedOperation damaged) {
        super(damaged.explain());
        this.damaged = Optional.of(damaged);
    }

    /** The operation that could not be read, when that is the reason. */
    public Optional<DamagedOperation> damaged() {
        return damaged;
    }
}
