package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.registry.RegistryClients;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TagDeletingProxy;
import dev.berth.testing.TestImages;
import dev.berth.testing.TestImages.Image;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth cleanup}, {@code berth undo} and the journaled {@code berth rm} against a real registry. */
class CleanupCommandTest {

    @TempDir
    Path work;

    /** team/app: 1.4.0 = latest = stable (newest), 1.3.0, 1.2.0 = old (oldest) · team/api: v2 (new), v1 (old). */
    record Seeded(Image newest, Image middle, Image oldest) {}

    static Seeded seed(RegistrySeeder seeder) {
        Image newest = seeder.pushImage("team/app", "1.4.0", TestImages.image().seed(1).layerSizes(3000, 5000)
                .created(Instant.parse("2025-06-01T10:00:00Z")).build());
        seeder.tag("team/app", "latest", newest.manifest().bytes(), newest.mediaType());
        seeder.tag("team/app", "stable", newest.manifest().bytes(), newest.mediaType());
        Image middle = seeder.pushImage("team/app", "1.3.0", TestImages.image().seed(2).layerSizes(4000)
                .created(Instant.parse("2025-01-15T08:30:00Z")).build());
        Image oldest = seeder.pushImage("team/app", "1.2.0", TestImages.image().seed(3).layerSizes(6000)
                .created(Instant.parse("2024-01-15T08:30:00Z")).build());
        seeder.tag("team/app", "old", oldest.manifest().bytes(), oldest.mediaType());
        seeder.pushImage("team/api", "v2", TestImages.image().seed(4).layerSizes(100).created(Instant.parse("2025-06-01T00:00:00Z")).build());
        seeder.pushImage("team/api", "v1", TestImages.image().seed(5).layerSizes(200).created(Instant.parse("2024-06-01T00:00:00Z")).build());
        seeder.pushImage("other/tool", "v1", TestImages.image().seed(6).layerSizes(300).created(Instant.parse("2020-06-01T00:00:00Z")).build());
        return new Seeded(newest, middle, oldest);
    }

    @Test
    void dryRunJsonListsEveryTagWithItsFateAndDeletesNothing() throws Exception {
        try (RegistryServer registry = RegistryServer.builder(work).start()) {
            Seeded s = seed(RegistrySeeder.of(registry));
            CliRun run = berth("cleanup", registry.hostPort() + "/team/app", "--keep-last", "1", "--protect", "latest", "--json");
            assertEquals(0, run.code(), run.err());
            JsonNode json = run.json();
            assertEquals(Set.of("1.3.0", "1.2.0", "old"), new TreeSet<>(json.path("delete").findValuesAsText("tag")));
            assertEquals(Set.of("1.4.0", "latest", "stable"), new TreeSet<>(json.path("keep").findValuesAsText("tag")));
            for (JsonNode keep : json.path("keep")) {
                assertEquals(s.newest().digest(), keep.path("digest").asText());
                assertFalse(keep.path("reason").asText().isBlank());
                assertEquals("team/app", keep.path("repository").asText());
            }
            assertEquals(s.middle().config().size() + 4000 + s.oldest().config().size() + 6000, json.path("reclaimableBytes").asLong());
            assertTrue(json.path("dryRun").asBoolean());
            assertEquals(List.of("1.2.0", "1.3.0", "1.4.0", "latest", "old", "stable"), berth("tags", registry.hostPort() + "/team/app").out().lines().toList());
        }
    }

    @Test
    void textPreviewIsATableWithASummaryAndTheGarbageCollectionCommand() {
        try (RegistryServer registry = RegistryServer.builder(work).start()) {
            seed(RegistrySeeder.of(registry));
            CliRun run = berth("cleanup", registry.hostPort() + "/team/app", "--keep-last", "2");
            assertEquals(0, run.code(), run.err());
            assertTrue(run.out().contains("REPOSITORY"), run.out());
            assertTrue(run.out().contains("DELETE"), run.out());
            assertTrue(run.out().contains("Reclaimable:         at least"), run.out());
            assertTrue(run.out().contains("docker exec <container> registry garbage-collect /etc/docker/registry/config.yml"), run.out());
            assertTrue(run.out().contains("--delete-untagged"), run.out());
            assertTrue(run.out().contains("--apply"), run.out());
        }
    }

    @Test
    void applyJournalsAndUndoPutsEverythingBack() throws Exception {
        try (RegistryServer registry = RegistryServer.builder(work).start()) {
            RegistrySeeder seeder = RegistrySeeder.of(registry);
            Seeded s = seed(seeder);
            String journal = work.resolve("journal").toString();
            CliRun apply = berth("cleanup", registry.hostPort() + "/team/app", "--keep-last", "1", "--apply", "--journal", journal, "--json");
            assertEquals(0, apply.code(), apply.err());
            String id = apply.json().path("applied").path("journal").asText();
            assertEquals(2, apply.json().path("applied").path("deleted").asInt());
            assertEquals(List.of("1.4.0", "latest", "stable"), berth("tags", registry.hostPort() + "/team/app").out().lines().toList());

            CliRun list = berth("undo", "--journal", journal);
            assertEquals(0, list.code(), list.err());
            assertTrue(list.out().contains(id), list.out());
            assertTrue(list.out().contains("cleanup"), list.out());

            CliRun undo = berth("undo", id.substring(0, 18), "--journal", journal);
            assertEquals(0, undo.code(), undo.err() + undo.out());
            assertTrue(undo.out().contains("is back"), undo.out());
            assertEquals(List.of("1.2.0", "1.3.0", "1.4.0", "latest", "old", "stable"), berth("tags", registry.hostPort() + "/team/app").out().lines().toList());
            assertArrayEquals(s.oldest().manifest().bytes(), seeder.getManifest("team/app", "old"));
            assertTrue(berth("undo", "--journal", journal).out().contains("undone"));
        }
    }

    @Test
    void untaggingIsExplainedWhereImpossibleCheckedOnRequestAndAppliedWherePossible() throws Exception {
        try (RegistryServer registry = RegistryServer.builder(work).start();
             TagDeletingProxy proxy = TagDeletingProxy.start(registry, TagDeletingProxy.Behaviour.REMOVES_TAG_ONLY)) {
            Seeded s = seed(RegistrySeeder.of(registry));
            // 1.2.0 is past the newest two, but "old" (same image) is protected: only untagging can remove 1.2.0.
            String[] rules = {"--keep-last", "2", "--protect", "old"};

            // A dry run alone does not try deletes (read-only on the wire); --check-untag asks Berth to find out.
            CliRun direct = berth(concat(new String[] {"cleanup", registry.hostPort() + "/team/app", "--check-untag"}, rules));
            assertEquals(0, direct.code(), direct.err());
            assertTrue(direct.out().contains("Kept with their image: team/app:1.2.0"), direct.out());
            assertTrue(direct.out().contains("answers a tag delete with 400"), direct.out());

            String target = proxy.hostPort() + "/team/app";
            // The proxy closes a TLS handshake instead of answering it like the registry does, so say it is plain HTTP.
            rules = concat(rules, new String[] {"--plain-http"});
            CliRun unknown = berth(concat(new String[] {"cleanup", target}, rules));
            assertTrue(unknown.out().contains("--check-untag"), unknown.out() + unknown.err());

            CliRun preview = berth(concat(new String[] {"cleanup", target, "--check-untag", "--json"}, rules));
            assertEquals(0, preview.code(), preview.err());
            assertEquals(List.of("1.2.0"), preview.json().path("untag").findValuesAsText("tag"));
            assertEquals(0, preview.json().path("delete").size());
            assertEquals(0, preview.json().path("reclaimableBytes").asLong(), "an untag frees nothing");

            String journal = work.resolve("journal").toString();
            CliRun apply = berth(concat(new String[] {"cleanup", target, "--check-untag", "--apply", "--journal", journal}, rules));
            assertEquals(0, apply.code(), apply.err() + apply.out());
            assertTrue(apply.out().contains("untagged 1 tag;"), apply.out());
            assertTrue(apply.err().contains("untagged " + target.substring(target.indexOf('/') + 1) + ":1.2.0")
                    || apply.err().contains("untagged team/app:1.2.0"), apply.err());
            assertEquals(List.of("1.3.0", "1.4.0", "latest", "old", "stable"), berth("tags", target, "--plain-http").out().lines().toList());

            String id = apply.out().lines().filter(l -> l.startsWith("Journal: ")).findFirst().orElseThrow().split(" ")[1];
            CliRun undo = berth("undo", id, "--journal", journal, "--plain-http");
            assertEquals(0, undo.code(), undo.err() + undo.out());
            assertEquals(s.oldest().digest(), berth("inspect", target + ":1.2.0", "--json", "--plain-http").json().path("digest").asText());
        }
    }

    private static String[] concat(String[] a, String[] b) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(a), java.util.Arrays.stream(b)).toArray(String[]::new);
    }

    @Test
    void aNamespaceCoversEveryRepositoryUnderItAndPoliciesRoundTrip() throws Exception {
        try (RegistryServer registry = RegistryServer.builder(work).start()) {
            seed(RegistrySeeder.of(registry));
            Path policy = work.resolve("policy.json");
            CliRun run = berth("cleanup", registry.hostPort() + "/team/", "--keep-last", "1", "--exclude", "old", "--save-policy", policy.toString(),
                    "--json");
            assertEquals(0, run.code(), run.err());
            List<String> deleted = new ArrayList<>();
            run.json().path("delete").forEach(d -> deleted.add(d.path("repository").asText() + ":" + d.path("tag").asText()));
            assertEquals(List.of("team/api:v1", "team/app:1.3.0"), deleted.stream().sorted().toList(), "other/ untouched; 'old' keeps 1.2.0");
            assertTrue(Files.readString(policy).contains("\"repositories\" : \"team/\""), Files.readString(policy));

            CliRun again = berth("cleanup", registry.hostPort() + "/", "--policy", policy.toString(), "--json");
            assertEquals(0, again.code(), again.err());
            assertEquals(run.json().path("delete"), again.json().path("delete"));
            assertTrue(again.json().path("keep").findValuesAsText("reason").contains("no cleanup rule applies to this repository"));
        }
    }

    @Test
    void rmJournalsItsDeleteForUndo() throws Exception {
        try (RegistryServer registry = RegistryServer.builder(work).start()) {
            RegistrySeeder seeder = RegistrySeeder.of(registry);
            Seeded s = seed(seeder);
            String journal = work.resolve("journal").toString();
            CliRun rm = berth("rm", registry.hostPort() + "/team/app:old", "--yes", "--journal", journal, "--json");
            assertEquals(0, rm.code(), rm.err());
            String id = rm.json().path("journal").asText();
            assertFalse(berth("tags", registry.hostPort() + "/team/app").out().contains("old"));
            CliRun undo = berth("undo", id, "--journal", journal, "--json");
            assertEquals(0, undo.code(), undo.err());
            assertEquals(Set.of("1.2.0", "old"), new TreeSet<>(new ObjectMapper().convertValue(undo.json().path("outcomes").get(0).path("tags"), List.class)));
            assertArrayEquals(s.oldest().manifest().bytes(), seeder.getManifest("team/app", "1.2.0"));
        }
    }

    @Test
    void deletesDisabledIsExplainedBeforeAnythingIsTouched() {
        try (RegistryServer registry = RegistryServer.builder(work).deletesEnabled(false).start()) {
            seed(RegistrySeeder.of(registry));
            CliRun preview = berth("cleanup", registry.hostPort() + "/team/app", "--keep-last", "1");
            assertEquals(0, preview.code(), preview.err());
            assertTrue(preview.out().contains("whether this registry allows deletes is found out when you apply"), preview.out());
            CliRun apply = berth("cleanup", registry.hostPort() + "/team/app", "--keep-last", "1", "--apply", "--journal", work.resolve("j").toString());
            assertEquals(1, apply.code());
            assertTrue(apply.err().contains("REGISTRY_STORAGE_DELETE_ENABLED=true"), apply.err());
            assertEquals(6, berth("tags", registry.hostPort() + "/team/app").out().lines().count());
        }
    }

    @Test
    void unclearRulesAreUsageErrors() {
        String repo = "127.0.0.1:1/team/app";
        assertEquals(2, berth("cleanup", repo).code(), "no rule at all");
        assertEquals(2, berth("cleanup", repo, "--protect", "latest").code(), "protect alone deletes everything else");
        assertEquals(2, berth("cleanup", repo, "--keep-last", "1", "--policy", "p.json").code());
        assertEquals(2, berth("cleanup", repo, "--older-than", "1 month").code());
        assertEquals(2, berth("cleanup", repo, "--keep-last", "1", "--include", "v1.((").code());
        assertEquals(2, berth("cleanup", repo + ":v1", "--keep-last", "1").code());
        assertEquals(2, berth("cleanup", "127.0.0.1:1", "--keep-last", "1").code());
        assertEquals(2, berth("cleanup", repo, "--keep-last", "1", "--order", "alphabetical").code());
        CliRun noPolicy = berth("cleanup", repo, "--policy", work.resolve("missing.json").toString());
        assertEquals(2, noPolicy.code());
        assertTrue(noPolicy.err().contains("does not exist"), noPolicy.err());
    }

    CliRun berth(String... args) {
        return CliRun.in(work, args);
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
