package dev.berth.cleanup;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One part of the journal that cannot be read, said so a person can find it: the file and what is
 * wrong with it. The file itself is never changed or deleted by Berth.
 *
 * @param blocksRestore true when the damage loses a manifest that undo would have to put back (an
 *                      entry file), false when it only loses bookkeeping (a kind, a date, the undone mark)
 */
public record JournalDamage(Path file, String problem, boolean blocksRestore) {

    public JournalDamage {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(problem, "problem");
    }

    /** {@code file: problem}, for a line of output. */
    public String describe() {
        return file + ": " + problem;
    }
}
