package dev.berth.registry.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A TLS setting could not be turned into key material: a CA or client-certificate file is missing,
 * unreadable or malformed. The message names the file and, where one exists, the fix.
 *
 * <p>It is an {@link IOException} because it comes from reading files, and so that it travels the
 * same way as the other transport failures of a registry connection.
 */
public final class TlsConfigurationException extends IOException {

    private final transient Path file;

    public TlsConfigurationException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public TlsConfigurationException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file at fault. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }
}
