package dev.berth.connection;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link ConnectionStore#load()} found: the connections that could be read and, when the file was
 * damaged or from a newer Berth, a problem to show the person.
 */
public record LoadResult(List<Connection> connections, Optional<Problem> problem) {

    /**
     * The file could not be read completely. It was copied to {@code backup} before anything else
     * happened, so nothing is lost when Berth later saves over it.
     *
     * @param message for the person: what was wrong, what was kept, where the copy is
     */
    public record Problem(String message, Path backup) {
        public Problem {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(backup, "backup");
        }
    }

    public LoadResult {
        connections = List.copyOf(connections);
        Objects.requireNonNull(problem, "problem");
    }
}
