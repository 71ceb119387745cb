package dev.berth.ui.app;

import dev.berth.jobs.PlaceKind;
import dev.berth.store.ImageFiles;
import java.nio.file.Path;

/**
 * What Berth does with a file or folder dropped on the window or named on the command line: push an
 * archive, push or open a layout, open a folder of layouts, or say what it accepts. No JavaFX.
 */
sealed interface DroppedFile {

    String ACCEPTS = "Berth opens image archives (the .tar of docker save or podman save, OCI archives) and OCI layout folders.";

    /** An image archive: the Push… dialog opens with it as the source. */
    record Archive(PlaceKind kind, Path path) implements DroppedFile {}

    /** One OCI layout: pushed like an archive, or opened as a folder connection; the person chooses. */
    record Layout(Path path) implements DroppedFile {}

    /** A folder of layouts (one per repository): opened as a folder connection. */
    record LayoutFolder(Path path) implements DroppedFile {}

    /** Not something Berth reads: {@code title} and {@code text} say why and what it accepts. */
    record Refused(Path path, String title, String text) implements DroppedFile {}

    /** Looks at the file (blocking). */
    static DroppedFile of(Path path) {
        return of(path, ImageFiles.examine(path));
    }

    static DroppedFile of(Path path, ImageFiles.Kind kind) {
        String name = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        return switch (kind) {
            case DOCKER_ARCHIVE -> new Archive(PlaceKind.DOCKER_ARCHIVE, path);
            case OCI_ARCHIVE -> new Archive(PlaceKind.OCI_ARCHIVE, path);
            case OCI_LAYOUT -> new Layout(path);
            case FOLDER_OF_LAYOUTS -> new LayoutFolder(path);
            case COMPRESSED -> new Refused(path, "Compressed archive", name + " is compressed, and Berth reads archives uncompressed: "
                    + "decompress it first (gunzip or zstd -d), then drop the .tar. " + ACCEPTS);
            case OTHER_TAR -> new Refused(path, "No image in " + name, name + " is a tar archive but holds no image "
                    + "(no manifest.json, no OCI layout inside). " + ACCEPTS);
            case NOT_AN_IMAGE -> new Refused(path, "Not an image", name + (java.nio.file.Files.isDirectory(path)
                    ? " holds no OCI image layout (no oci-layout file in it or its sub-folders). " : " is not an image archive. ") + ACCEPTS);
            case MISSING -> new Refused(path, "Nothing at " + name, "There is no file or folder at " + path + ". " + ACCEPTS);
        };
    }
}
