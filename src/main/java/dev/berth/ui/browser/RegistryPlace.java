package dev.berth.ui.browser;

import dev.berth.domain.Digest;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a connection's images are, in the words a person can use: a registry's host, or for a
 * folder connection (the demo, "Open folder…") the folder itself, never the internal host name
 * that only Berth's in-process client answers ({@code demo.folder.invalid}).
 *
 * @param host   the API host[:port] the client talks to
 * @param folder the folder of OCI layouts, for a folder connection
 */
public record RegistryPlace(String host, Optional<Path> folder) {

    public RegistryPlace {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(folder, "folder");
    }

    public static RegistryPlace remote(String host) {
        return new RegistryPlace(host, Optional.empty());
    }

    public boolean isFolder() {
        return folder.isPresent();
    }

    /** What the tag table says when a repository has no tags: where an emptied one stays, and until when. */
    public String noTagsNote() {
        return folder.isPresent() ? "No tags. An emptied layout stays in the folder until you delete its directory."
                : "No tags. An emptied repository stays in the registry's catalog (Distribution keeps its directory); it "
                        + "disappears only when that directory is removed on the server, after garbage collection.";
    }

    /** The host, or the folder's path. */
    public String where() {
        return folder.map(Path::toString).orElse(host);
    }

    /** A repository as a person finds it: {@code host/repo}, or the layout's folder. */
    public String repository(String repository) {
        return folder.map(f -> f.resolve(repository).toString()).orElse(host + "/" + repository);
    }

    /**
     * The command that gets the image onto this machine: {@code docker pull host/repo:tag} from a
     * registry; from a folder, which no engine can pull from, {@code berth copy oci:DIR:TAG engine:REPO:TAG}.
     * Empty for a digest in a folder: a layout is copied by tag.
     */
    public Optional<String> pullCommand(String repository, String tagOrDigest) {
        boolean digest = Digest.isDigest(tagOrDigest);
        if (folder.isEmpty()) return Optional.of("docker pull " + host + "/" + repository + (digest ? "@" : ":") + tagOrDigest);
        if (digest) return Optional.empty();
        return Optional.of("berth copy " + quoted("oci:" + folder.get().resolve(repository) + ":" + tagOrDigest)
                + " engine:" + repository + ":" + tagOrDigest);
    }

    /** Quotes for a POSIX shell when the path holds anything but the plain characters of a path. */
    private static String quoted(String word) {
        return word.matches("[A-Za-z0-9_./:@%+=,-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
