package dev.berth.cli;

import dev.berth.demo.DemoImages;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth demo DIR}: writes the offline demo, the same OCI layouts the desktop app opens with "Open the demo". */
@Command(name = "demo", description = {"Write the offline demo into DIR: small synthetic images in OCI image layouts.",
        "One layout per repository (DIR/team/api, DIR/library/alpine, ...). DIR must not exist or be empty.",
        "Try it with: berth tags oci:DIR/team/api, or open DIR in the desktop app with Open folder."})
final class DemoCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "A folder that does not exist yet, or an empty one")
    Path dir;

    private final CliEnvironment environment;

    DemoCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        DemoImages.write(dir);
        environment.out().println("Wrote the demo to " + dir.toAbsolutePath().normalize() + ": "
                + String.join(", ", DemoImages.repositories()) + ".");
        return BerthCli.OK;
    }
}
