package dev.berth.ui.jobs;

import dev.berth.domain.Names;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A tag being dragged, named only by ids — the connection's id, the repository and the tag — never
 * by a client or a credential: that is all a drag carries, and all a drop needs to find the tag
 * again among the open connections. No JavaFX, so the drop's decision
 * is tested on its own.
 */
public record TagDrag(String connectionId, String repository, String tag) {

    private static final String VERSION = "berth-tag/1";

    public TagDrag {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(tag, "tag");
    }

    /** What a drop on a repository (or a registry, then: a repository of the same name) does. */
    public sealed interface Drop permits Copy, Retag {}

    /** The Copy to… dialog, showing this destination. */
    public record Copy(TransferDialogs.Destination destination) implements Drop {}

    /** Dropped on its own repository: nothing to copy, so Retag… there. */
    public record Retag() implements Drop {}

    /**
     * A drop on connection {@code connectionId}'s repository {@code repository}; empty for the
     * connection's node itself, where the tag goes to a repository of its own name.
     */
    public Drop droppedOn(String targetConnection, Optional<String> targetRepository) {
        String repositoryThere = targetRepository.orElse(repository);
        if (targetConnection.equals(connectionId) && repositoryThere.equals(repository)) return new Retag();
        return new Copy(new TransferDialogs.Destination(targetConnection, repositoryThere, tag));
    }

    /** The text on the drag board: one id a line (names and ids have no line breaks). */
    public String encoded() {
        return String.join("\n", VERSION, connectionId, repository, tag);
    }

    /** A drag's text read back; empty for anything else (another app's or another version's drag). */
    public static Optional<TagDrag> decode(Object content) {
        if (!(content instanceof String text)) return Optional.empty();
        List<String> lines = text.lines().toList();
        if (lines.size() != 4 || !lines.getFirst().equals(VERSION)) return Optional.empty();
        String repository = lines.get(2);
        String tag = lines.get(3);
        if (lines.get(1).isBlank() || !Names.isValidRepository(repository) || !Names.isValidTag(tag)) return Optional.empty();
        return Optional.of(new TagDrag(lines.get(1), repository, tag));
    }
}
