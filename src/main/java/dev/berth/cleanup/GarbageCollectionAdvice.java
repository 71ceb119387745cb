package dev.berth.cleanup;

import java.util.List;

/**
 * What to run on the server after a cleanup: deleting manifests only unlinks them, and space comes
 * back when the registry's offline garbage collector runs (T8). Written for CNCF Distribution
 * ({@code registry:2}), the registry that needs it by hand; hosted registries collect on their own.
 * A folder of OCI layouts has nothing to run: Berth deletes the blobs no image uses as it deletes
 * the images ({@link #collectsOnDelete()}).
 */
public record GarbageCollectionAdvice(String command, String containerCommand, List<String> steps, List<String> warnings) {

    public static final String CONFIG = "/etc/docker/registry/config.yml";

    public GarbageCollectionAdvice {
        steps = List.copyOf(steps);
        warnings = List.copyOf(warnings);
    }

    public static GarbageCollectionAdvice distribution() {
        String command = "registry garbage-collect " + CONFIG;
        String container = "docker exec <container> registry garbage-collect " + CONFIG;
        return new GarbageCollectionAdvice(command, container, List.of(
                "Stop pushes first: stop the registry, or restart it in read-only mode (REGISTRY_STORAGE_MAINTENANCE_READONLY="
                        + "'{\"enabled\":true}'), since a push during collection can lose the layers it uploads.",
                "Preview with --dry-run, then run on the server: " + command + " (Debian's package names the binary docker-registry).",
                "In a registry:2 container (running read-only): " + container,
                "Start the registry again, or restart it without read-only mode."), List.of(
                "Never add --delete-untagged (-m) on Distribution 2.8 when the registry holds multi-arch images: it deletes the "
                        + "platform manifests of indexes that are still tagged, breaking those images.",
                "Undo from Berth's journal works only until garbage collection has run: after it, the deleted layers are gone."));
    }

    /** For a folder of OCI layouts opened as a connection (the demo, "Open folder…"): collected at once, nothing to run. */
    public static GarbageCollectionAdvice folder() {
        return new GarbageCollectionAdvice("", "", List.of(
                "Berth moved the layers and configs no remaining image uses out of the layouts right after the cleanup, into "
                        + "each layout's trash (.berth-trash): there is no garbage collection to run, and undo can bring every image "
                        + "back. The space comes back when the trash is emptied."), List.of(
                "Once the trash is emptied, undo puts back only images whose layers are still in the folder (those shared "
                        + "with kept images); the others are reported as impossible to restore."));
    }

    /** The advice for the registry at {@code host}: a folder's host, or any registry's. */
    public static GarbageCollectionAdvice forHost(String host) {
        return dev.berth.registry.RegistryClients.isInProcessHost(host) ? folder() : distribution();
    }

    /** Whether the space came back with the deletes themselves (a folder), so there is no command to run. */
    public boolean collectsOnDelete() {
        return command.isEmpty();
    }

    /** The advice as a block of text for a terminal or a dialog. */
    public String text() {
        if (collectsOnDelete()) {
            StringBuilder text = new StringBuilder();
            steps.forEach(step -> text.append(step).append('\n'));
            warnings.forEach(warning -> text.append("Note: ").append(warning).append('\n'));
            return text.toString();
        }
        StringBuilder text = new StringBuilder("Space comes back only after the registry's garbage collection runs:\n");
        for (int i = 0; i < steps.size(); i++) text.append("  ").append(i + 1).append(". ").append(steps.get(i)).append('\n');
        for (String warning : warnings) text.append("Warning: ").append(warning).append('\n');
        return text.toString();
    }
}
