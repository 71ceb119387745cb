package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TestImages;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth tags} on the places {@code berth copy} writes: OCI layouts and archives, in the same transport syntax. */
class FileTransportsCliTest {

    @TempDir
    static Path work;

    private static RegistryServer registry;

    @BeforeAll
    static void seed() {
        registry = RegistryServer.builder(work.resolve("registry")).start();
        RegistrySeeder.of(registry).pushImage("cli/app", "1.0", TestImages.ociImage(905, 1200, 3400));
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @Test
    void tagsListsTheNamesOfALayoutAndOfAnOciArchive() {
        String from = "docker://" + registry.hostPort() + "/cli/app:1.0";
        Path layout = work.resolve("out");
        copy(from, "oci:" + layout + ":1.0");
        copy(from, "oci:" + layout + ":stable");
        copy(from, "oci-archive:" + work.resolve("app.tar") + ":2.0");

        assertEquals("1.0\nstable\n", tags("oci:" + layout).out());
        assertEquals("2.0\n", tags("oci-archive:" + work.resolve("app.tar")).out());
    }

    @Test
    void tagsOfALayoutThatIsNotThereSaysSo() {
        CliRun run = tags("oci:" + work.resolve("nowhere"));
        assertEquals(BerthCli.ERROR, run.code(), run.err());
        assertTrue(run.err().contains("There is no OCI image layout at " + work.resolve("nowhere")), run.err());
    }

    private static void copy(String from, String to) {
        CliRun run = CliRun.in(work, "copy", "--src-plain-http", from, to);
        assertEquals(BerthCli.OK, run.code(), run.err() + run.out());
    }

    private static CliRun tags(String place) {
        return CliRun.in(work, "tags", place);
    }
}
