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

    @Test
    void raisesTheC2ThresholdsForAShortRunUnlessBerthJavaOptsSayOtherwise() throws Exception {
        // The run that writes an AOT cache shows no VM output (see bin/berth), so the flags are printed by the next.
        assertEquals(0, run("--version").code());
        Result flags = run(java.util.Map.of("BERTH_JAVA_OPTS", "-XX:+PrintFlagsFinal"), "--version");
        assertEquals(0, flags.code(), flags.err());
        assertTrue(flags.out().matches("(?s).*\\bTier4InvocationThreshold += 50000\\b.*"), "no raised C2 threshold");
        assertTrue(flags.out().matches("(?s).*\\bTieredStopAtLevel += 4\\b.*"), "C2 is needed for the SHA-256 intrinsic");

        Result overridden = run(java.util.Map.of("BERTH_JAVA_OPTS", "-XX:Tier4InvocationThreshold=7000 -XX:+PrintFlagsFinal"), "--version");
        assertTrue(overridden.out().matches("(?s).*\\bTier4InvocationThreshold += 7000\\b.*"), "BERTH_JAVA_OPTS did not win");
    }

    /** An AOT cache (classes and method profiles) on JDK 25+, where the tests run; a dynamic AppCDS archive before. */
    private static final String ARCHIVE = Runtime.version().feature() >= 25 ? ".aot" : ".jsa";

    @Test
    void keepsAClassDataArchivePerKindOfCommandInTheUsersCacheDirectory() throws Exception {
        Path jvmCache = work.resolve("home/xdg_cache_home/berth/jvm");
        Result first = run("--version");
        assertEquals(0, first.code(), first.err());
        assertEquals("", first.err());
        Path archive = onlyArchive(jvmCache, "-other" + ARCHIVE);
        java.nio.file.attribute.FileTime written = java.nio.file.Files.getLastModifiedTime(archive);

        Result again = run("--version");
        assertEquals(0, again.code(), again.err());
        assertEquals("", again.err());
        assertEquals(written, java.nio.file.Files.getLastModifiedTime(archive), "a valid archive was written again");

        assertEquals(1, run("copy", "oci:" + work.resolve("missing") + ":1", "oci:" + work.resolve("out") + ":1").code());
        onlyArchive(jvmCache, "-copy" + ARCHIVE);
    }

    @Test
    void theRunThatWritesTheArchiveAndTheRunsThatUseItPrintOnlyTheCommandsOutput() throws Exception {
        Path classLog = work.resolve("classes.log");
        String version = "berth " + System.getProperty("berth.expectedVersion") + System.lineSeparator();
        Result writing = run("--version");
        assertEquals(version, writing.out());
        assertEquals("", writing.err());

        Result using = run(java.util.Map.of("BERTH_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog), "--version");
        assertEquals(version, using.out());
        assertEquals("", using.err());
        assertTrue(java.nio.file.Files.readAllLines(classLog).stream()
                .anyMatch(line -> line.contains(" dev.berth.cli.BerthCli source: shared objects file")),
                "berth's classes did not come from the archive");
    }

    @Test
    void aDamagedArchiveOnlyCostsStartUpTime() throws Exception {
        Path jvmCache = work.resolve("home/xdg_cache_home/berth/jvm");
        assertEquals(0, run("--version").code());
        java.nio.file.Files.writeString(onlyArchive(jvmCache, "-other" + ARCHIVE), "not an archive");

        Result run = run("--version");
        assertEquals(0, run.code(), run.err());
        assertEquals("", run.err());
        assertTrue(run.out().startsWith("berth "), run.out());
    }

    @Test
    void aNewBuildsArchiveReplacesTheOldOnes() throws Exception {
        Path jvmCache = work.resolve("home/xdg_cache_home/berth/jvm");
        assertEquals(0, run("--version").code());
        Path current = onlyArchive(jvmCache, "-other" + ARCHIVE);
        // berth-PLACE-BUILD-KIND.aot (or .jsa): the same archive as if an earlier build had written it
        String name = current.getFileName().toString();
        Path earlier = current.resolveSibling(name.substring(0, name.indexOf('-', "berth-".length()) + 1) + "1-other" + ARCHIVE);
        java.nio.file.Files.move(current, earlier);

        Result run = run("--version");
        assertEquals(0, run.code(), run.err());
        assertEquals(List.of(current), listing(jvmCache), "the earlier build's archive is still there, or no new one");
    }

    @Test
    void berthCdsOffWritesNoArchive() throws Exception {
        Result run = run(java.util.Map.of("BERTH_CDS", "off"), "--version");
        assertEquals(0, run.code(), run.err());
        assertTrue(java.nio.file.Files.notExists(work.resolve("home/xdg_cache_home/berth/jvm"))
                || listing(work.resolve("home/xdg_cache_home/berth/jvm")).isEmpty());
    }

    @Test
    void readsAJdksVersionFromItsReleaseFileWithoutStartingIt() throws Exception {
        // A "JDK 17" whose java would leave a mark if it were run, even just to ask its version.
        Path old = work.resolve("jdk17");
        Path marker = work.resolve("jdk17-was-run");
        java.nio.file.Files.createDirectories(old.resolve("bin"));
        java.nio.file.Files.writeString(old.resolve("release"), "JAVA_VERSION=\"17.0.2\"\n");
        Path fakeJava = old.resolve("bin/java");
        java.nio.file.Files.writeString(fakeJava, "#!/bin/sh\ntouch '" + marker + "'\nexec '" + System.getProperty("java.home")
                + "/bin/java' \"$@\"\n");
        assertTrue(fakeJava.toFile().setExecutable(true));

        Result run = run(java.util.Map.of("BERTH_JAVA", fakeJava.toString()), "--version");
        assertEquals(0, run.code(), run.err());
        assertTrue(java.nio.file.Files.notExists(marker), "the JDK 17 was started");
    }

    private static Path onlyArchive(Path dir, String suffix) throws IOException {
        List<Path> archives = listing(dir).stream().filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
        assertEquals(1, archives.size(), "archives in " + dir + ": " + listing(dir));
        return archives.getFirst();
    }

    private static List<Path> listing(Path dir) throws IOException {
        try (var files = java.nio.file.Files.list(dir)) {
            return files.toList();
        }
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
