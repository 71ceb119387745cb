package dev.berth.connection;

import dev.berth.connection.docker.CredentialHelper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A shell script posing as {@code docker-credential-<suffix>}, for answers a real helper will not give on demand. */
final class ScriptHelper {

    private ScriptHelper() {}

    /** A helper in {@code dir} whose body runs after its stdin was read into {@code $input}. */
    static CredentialHelper write(Path dir, String suffix, String body) {
        Path program = dir.resolve("docker-credential-" + suffix);
        try {
            Files.writeString(program, "#!/bin/sh\ninput=$(cat)\n" + body + "\n");
            Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return CredentialHelper.named(suffix).withExecutable(program);
    }

    /** A helper that fails every action with {@code message}. */
    static CredentialHelper failing(Path dir, String suffix, String message) {
        return write(dir, suffix, "echo '" + message + "'\nexit 1");
    }
}
