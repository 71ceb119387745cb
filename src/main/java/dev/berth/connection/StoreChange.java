package dev.berth.connection;

import java.util.List;
import java.util.Objects;

/**
 * The result of changing a saved connection: the connection as saved (or as it was, for a removal),
 * and warnings about secrets that could not be copied or erased. The change itself has been saved
 * either way; a warning is for the person to act on.
 */
public record StoreChange(Connection connection, List<String> warnings) {

    public StoreChange {
        Objects.requireNonNull(connection, "connection");
        warnings = List.copyOf(warnings);
    }
}
