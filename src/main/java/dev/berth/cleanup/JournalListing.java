package dev.berth.cleanup;

import java.util.List;

/**
 * Everything in the journal: the operations that can be read (some with damaged parts, see
 * {@link JournalOperation#damage()}), newest first, and those whose {@code operation.json} cannot.
 */
public record JournalListing(List<JournalOperation> operations, List<DamagedOperation> damaged) {

    public JournalListing {
        operations = List.copyOf(operations);
        damaged = List.copyOf(damaged);
    }
}
