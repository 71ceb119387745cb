package dev.berth.cli;

import dev.berth.registry.RegistryClients;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/** {@code berth} run in this JVM with a home and Docker config under {@code work}, never the real ones. */
record InProcessBerth(Path work) {

    record Run(int code, String out, String err) {}

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliEnvironment environment = new CliEnvironment(new ByteArrayInputStream(new byte[0]), new PrintWriter(out), new PrintWriter(err),
                Map.of("DOCKER_CONFIG", work.resolve("no-docker-config").toString()), work.resolve("home"), new RegistryClients());
        return new Run(BerthCli.run(environment, args), out.toString(), err.toString());
    }
}
