package dev.berth.connection.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

/**
 * Shell-script stand-ins for docker-credential-* helpers, for the behaviours a real helper will
 * not produce on demand (hangs, garbage, echoed secrets). Each logs "action input" lines to
 * {@code <program>.log} next to itself so tests can see what was asked.
 */
final class FakeHelper {

    private FakeHelper() {}

    /** A helper whose script body runs after {@code input=$(cat)} and logging. */
    static Path script(Path dir, String suffix, String body) {
        Path program = dir.resolve("docker-credential-" + suffix);
        String text = "#!/bin/sh\n"
                + "input=$(cat)\n"
                + "printf '%s %s\\n' \"$1\" \"$input\" >> '" + log(dir, suffix) + "'\n"
                + body + "\n";
        try {
            Files.writeString(program, text);
            Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return program;
    }

    /**
     * A helper holding fixed entries: {@code get} answers for exactly these URLs (like pass, no
     * normalisation), anything else is "credentials not found"; {@code list} lists them.
     */
    static Path store(Path dir, String suffix, Map<String, List<String>> userAndSecretByUrl) {
        StringBuilder body = new StringBuilder("case \"$1\" in\n  get)\n    case \"$input\" in\n");
        StringBuilder list = new StringBuilder("{");
        userAndSecretByUrl.forEach((url, userSecret) -> {
            body.append("      ").append(shellQuote(url)).append(") printf '%s' ")
                    .append(shellQuote("{\"ServerURL\":\"" + url + "\",\"Username\":\"" + userSecret.get(0)
                            + "\",\"Secret\":\"" + userSecret.get(1) + "\"}"))
                    .append(" ;;\n");
            if (list.length() > 1) list.append(',');
            list.append('"').append(url).append("\":\"").append(userSecret.get(0)).append('"');
        });
        body.append("      *) echo 'credentials not found in native keychain'; exit 1 ;;\n    esac ;;\n")
                .append("  list) printf '%s' ").append(shellQuote(list.append('}').toString())).append(" ;;\n")
                .append("  *) echo \"unsupported $1\"; exit 1 ;;\nesac");
        return script(dir, suffix, body.toString());
    }

    static Path log(Path dir, String suffix) {
        return dir.resolve("docker-credential-" + suffix + ".log");
    }

    /** The logged "action input" lines, empty when the helper never ran. */
    static List<String> calls(Path dir, String suffix) {
        Path log = log(dir, suffix);
        try {
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
