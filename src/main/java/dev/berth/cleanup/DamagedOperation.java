package dev.berth.cleanup;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A journaled operation whose {@code operation.json} cannot be read, so Berth does not know which
 * registry to restore to. Its directory, and every entry file in it, is left exactly as it is.
 */
public record DamagedOperation(String id, Path directory, JournalDamage damage, int entryFiles) {

    public DamagedOperation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(damage, "damage");
    }

    /** What is wrong, which file, and that nothing was changed: for {@code berth undo ID} and the app. */
    public String explain() {
        return "The journal entry " + id + " cannot be undone: " + damage.describe() + ". Without it Berth does not know which "
                + "registry the deletion was on, so nothing was changed. The directory " + directory + " is left as it is"
                + (entryFiles > 0 ? "; its " + entryFiles + " entry file(s) still hold the deleted manifests (base64) and their tags" : "")
                + ". If you know the registry, repair operation.json (compare it with another entry's) and run undo again.";
    }
}
