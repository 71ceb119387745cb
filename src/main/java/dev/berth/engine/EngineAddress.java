package dev.berth.engine;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where an engine's API may answer: {@code unix:///path/to.sock} or {@code tcp://host:port}, and
 * why it is looked for there (for the message when nothing answers).
 */
public record EngineAddress(URI uri, String origin) {

    static EngineAddress socket(Path socket, String origin) {
        return new EngineAddress(URI.create("unix://" + socket.toAbsolutePath()), origin);
    }

    /** The socket file of a {@code unix://} address. */
    Optional<Path> socketFile() {
        return "unix".equals(uri.getScheme()) ? Optional.of(Path.of(uri.getPath())) : Optional.empty();
    }

    /** A unix address whose socket file is absent cannot answer, so it is not even tried. */
    boolean mayAnswer() {
        return socketFile().map(Files::exists).orElse(true);
    }

    @Override
    public String toString() {
        return uri + " (" + origin + ")";
    }
}
