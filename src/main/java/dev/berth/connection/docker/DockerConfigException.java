package dev.berth.connection.docker;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * config.json exists but cannot be used. The message names the file and the problem and never
 * quotes the file's content, because that content is mostly base64 passwords.
 */
public final class DockerConfigException extends IOException {

    private final Path file;

    public DockerConfigException(Path file, String problem) {
        super("Docker config " + file + ": " + problem);
        this.file = Objects.requireNonNull(file, "file");
    }

    public Path file() {
        return file;
    }
}
