package dev.berth.ui.app;

import dev.berth.store.ImageFiles;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * An argument Berth was started with (or handed by a later start): an image reference to go to,
 * or a file or folder to open as if it had been dropped on the window. No JavaFX, so it is tested
 * on its own.
 */
sealed interface LaunchArgument {

    /** {@code ghcr.io/acme/api:1.2}, {@code nginx}: goes into the search, as before. */
    record Reference(String text) implements LaunchArgument {}

    /** An archive or layout (or what was meant to be one): opened as a drop would. Always absolute. */
    record FilePath(Path path) implements LaunchArgument {}

    /**
     * An argument is a path when it is written as one (absolute, {@code ./…}, {@code file:…}, a
     * {@code .tar} name) or when it names an image file or layout folder under {@code directory};
     * anything else is a reference. So {@code nginx} stays a reference even where a folder called
     * {@code nginx} happens to exist, and {@code app.tar} is a path even when it is missing (to be
     * told so rather than searched for). Blocking: it may look at the file.
     */
    static LaunchArgument of(String argument, Path directory) {
        String text = argument.strip();
        try {
            if (text.regionMatches(true, 0, "file:", 0, 5)) return new FilePath(Path.of(URI.create(text)).normalize());
            if (writtenAsPath(text)) return new FilePath(directory.resolve(text).toAbsolutePath().normalize());
            Path candidate = directory.resolve(text).toAbsolutePath().normalize();
            ImageFiles.Kind kind = ImageFiles.examine(candidate);
            boolean image = kind != ImageFiles.Kind.MISSING && kind != ImageFiles.Kind.NOT_AN_IMAGE && kind != ImageFiles.Kind.OTHER_TAR;
            return image ? new FilePath(candidate) : new Reference(text);
        } catch (IllegalArgumentException notAPath) { // InvalidPathException ("localhost:5000/app" on Windows), a bad file: URI
            return new Reference(text);
        }
    }

    /**
     * The arguments a later start hands over, with paths made absolute against its own working
     * directory: the running Berth started elsewhere and would read them against its own.
     */
    static List<String> handedOver(List<String> arguments, Path directory) {
        return arguments.stream().map(argument -> switch (of(argument, directory)) {
            case FilePath file -> file.path().toString();
            case Reference reference -> argument;
        }).toList();
    }

    private static boolean writtenAsPath(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return text.startsWith("/") || text.startsWith("./") || text.startsWith("../") || text.startsWith("~")
                || text.contains("\\") || text.matches("^[A-Za-z]:[\\\\/].*")
                || lower.endsWith(".tar") || lower.endsWith(".tar.gz") || lower.endsWith(".tgz") || lower.endsWith(".tar.zst");
    }
}
