package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged {@code bin/berth} script, run as a user would after {@code ./mvnw package}. */
class BinBerthIT {

    @TempDir
    Path work;

    record Result(int code, String out, String err) {}

    @Test
    void answersTheFourCommandsAgainstARealRegistry() throws Exception {
        try (RegistryServer registry = RegistryServer.builder(work).start()) {
            RegistrySeeder seeder = RegistrySeeder.of(registry);
            TestImages.Image image = seeder.pushImage("team/app", "v1", 1, 1000, 2000);
            seeder.tag("team/app", "latest", image.manifest().bytes(), image.mediaType());
            String host = registry.hostPort();

            assertEquals(List.of("team/app"), run("repos", host).out().lines().toList());
            assertEquals(List.of("latest", "v1"), run("tags", host + "/team/app").out().lines().toList());

            JsonNode inspect = new ObjectMapper().readTree(run("inspect", host + "/team/app:v1", "--json").out());
            assertEquals(image.digest(), inspect.path("digest").asText());
            assertEquals(image.totalSize(), inspect.path("size").asLong());

            Result dryRun = run("rm", host + "/team/app:v1");
            assertTrue(dryRun.out().contains("latest, v1"), dryRun.out());
            Result delete = run("rm", host + "/team/app:v1", "--yes");
            assertEquals(0, delete.code(), delete.err());
            assertTrue(java.nio.file.Files.isDirectory(work.resolve("home/xdg_data_home/berth/journal")), "rm journaled elsewhere");
            assertEquals("", run("tags", host + "/team/app").out());

            Result missing = run("tags", host + "/no/such");
            assertEquals(1, missing.code());
            assertTrue(missing.err().startsWith("berth: "), missing.err());
            assertEquals(2, run("frobnicate").code());
        }
    }

    @Test
    void passesBerthJavaOptsToTheJvm() throws Exception {
        Path gcLog = work.resolve("gc.log");
        Result help = run(java.util.Map.of("BERTH_JAVA_OPTS", "-Xmx64m -Xlog:gc:file=" + gcLog), "--help");
        assertEquals(0, help.code(), help.err());
        assertTrue(java.nio.file.Files.isRegularFile(gcLog), "BERTH_JAVA_OPTS did not reach the JVM");
    }

    private Result run(String... args) throws IOException, InterruptedException {
        return run(java.util.Map.of(), args);
    }

    private Result run(java.util.Map<String, String> extraEnvironment, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of("bin", "berth").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        // Everything per-user under the temp dir: `rm --yes` journals, and must not journal into the real home.
        Path home = work.resolve("home");
        builder.environment().put("HOME", home.toString());
        for (String xdg : List.of("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME")) {
            builder.environment().put(xdg, home.resolve(xdg.toLowerCase(java.util.Locale.ROOT)).toString());
        }
        builder.environment().put("DOCKER_CONFIG", work.resolve("docker").toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(extraEnvironment);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "bin/berth did not finish");
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }
}
