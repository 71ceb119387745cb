package dev.berth.store;

import dev.berth.domain.Names;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Which repositories a folder holds: every OCI image layout found under it, named by its path
 * relative to the folder ({@code DIR/team/api/oci-layout} is {@code team/api}); the folder itself,
 * when it is a layout, is one repository named after it. The search goes at most
 * {@link #MAX_DEPTH} folders deep, skips hidden folders, never descends into a layout, and leaves
 * out paths that are not repository names (upper case, spaces).
 */
final class FolderLayouts {

    static final int MAX_DEPTH = 8;

    private final Path root;

    FolderLayouts(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    /** Every repository, sorted. */
    List<String> repositories() throws IOException {
        if (isLayout(root)) return List.of(rootName());
        List<String> found = new ArrayList<>();
        walk(root, 0, found);
        return found.stream().sorted().toList();
    }

    /** Where {@code repository}'s layout is or would be created; empty for a name this folder cannot hold. */
    Optional<Path> pathOf(String repository) {
        if (isLayout(root)) return repository.equals(rootName()) ? Optional.of(root) : Optional.empty();
        if (!Names.isValidRepository(repository) || repository.split("/").length > MAX_DEPTH) return Optional.empty();
        Path path = root.resolve(repository).normalize();
        if (!path.startsWith(root)) return Optional.empty();
        // A new repository must not land inside another's layout (team/api/blobs is a valid name).
        for (Path p = path.getParent(); p != null && p.startsWith(root) && !p.equals(root); p = p.getParent()) {
            if (isLayout(p)) return Optional.empty();
        }
        return Optional.of(path);
    }

    static boolean isLayout(Path dir) {
        return Files.isRegularFile(dir.resolve(OciLayoutReader.OCI_LAYOUT));
    }

    /** A folder opened as a single layout is named after itself, in the characters a repository name allows. */
    String rootName() {
        Path name = root.getFileName();
        String cleaned = (name == null ? "" : name.toString()).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        return cleaned.isEmpty() || !Names.isValidRepository(cleaned) ? "image" : cleaned;
    }

    private void walk(Path dir, int depth, List<String> found) throws IOException {
        if (depth >= MAX_DEPTH) return;
        List<Path> children;
        try (Stream<Path> list = Files.list(dir)) {
            children = list.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        }
        for (Path child : children) {
            if (isLayout(child)) {
                String name = root.relativize(child).toString().replace('\\', '/');
                if (Names.isValidRepository(name)) found.add(name);
            } else {
                walk(child, depth + 1, found);
            }
        }
    }
}
