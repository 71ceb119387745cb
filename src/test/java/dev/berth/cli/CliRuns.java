package dev.berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.registry.RegistryClients;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/** Runs {@code berth} in-process with its home and Docker config inside the test's directory. */
final class CliRuns {

    private CliRuns() {}

    record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }
    }

    static Run berth(Path work, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliEnvironment environment = new CliEnvironment(new ByteArrayInputStream(new byte[0]), new PrintWriter(out), new PrintWriter(err),
                Map.of("DOCKER_CONFIG", work.resolve("no-docker-config").toString()), work.resolve("home"), new RegistryClients());
        int code = BerthCli.run(environment, args);
        return new Run(code, out.toString(), err.toString());
    }
}
