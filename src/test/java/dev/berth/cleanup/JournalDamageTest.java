package dev.berth.cleanup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.domain.MediaType;
import dev.berth.domain.RawBytes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each kind of damage to a journaled operation is listed with its file and what is wrong, the
 * readable parts stay usable, and no file is changed by reading.
 */
class JournalDamageTest {

    static final RawBytes FIRST = RawBytes.utf8("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"n\":1}");
    static final RawBytes SECOND = RawBytes.utf8("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"n\":2}");

    @TempDir
    Path dir;

    /** What a damage does: the whole operation becomes unreadable, or only a part of it. */
    enum Effect { OPERATION_UNREADABLE, ENTRY_LOST, BOOKKEEPING_LOST }

    static Stream<Arguments> damages() {
        return Stream.of(
                Arguments.of("empty operation.json", "operation.json", "", Effect.OPERATION_UNREADABLE, "the file is empty"),
                Arguments.of("corrupt operation.json", "operation.json", "{\"id\": \"x\", \"regis", Effect.OPERATION_UNREADABLE, "not valid JSON"),
                Arguments.of("operation.json an array", "operation.json", "[1,2]", Effect.OPERATION_UNREADABLE, "not a JSON object"),
                Arguments.of("no registry", "operation.json", "{\"kind\":\"RM\",\"started\":\"2025-06-01T12:00:00Z\"}",
                        Effect.OPERATION_UNREADABLE, "does not say which registry"),
                Arguments.of("unknown kind", "operation.json", operation("PURGE", "2025-06-01T12:00:00Z"), Effect.BOOKKEEPING_LOST,
                        "kind 'PURGE'"),
                Arguments.of("bad date", "operation.json", operation("RM", "yesterday"), Effect.BOOKKEEPING_LOST, "start time 'yesterday'"),
                Arguments.of("empty entry", "entry-00002.json", "", Effect.ENTRY_LOST, "the file is empty"),
                Arguments.of("corrupt entry", "entry-00002.json", "{\"sequence\":2,", Effect.ENTRY_LOST, "not valid JSON"),
                Arguments.of("bad digest", "entry-00002.json", entry("sha256:nothex", b64(SECOND), "TAGGED"), Effect.ENTRY_LOST,
                        "the digest 'sha256:nothex' is not a valid digest"),
                Arguments.of("bad base64", "entry-00002.json", entry(SECOND.sha256().toString(), "%%not base64%%", "TAGGED"),
                        Effect.ENTRY_LOST, "not valid base64"),
                Arguments.of("bytes of another manifest", "entry-00002.json", entry(SECOND.sha256().toString(), b64(FIRST), "TAGGED"),
                        Effect.ENTRY_LOST, "does not match its digest"),
                Arguments.of("unknown role", "entry-00002.json", entry(SECOND.sha256().toString(), b64(SECOND), "SIDEKICK"),
                        Effect.ENTRY_LOST, "role 'SIDEKICK'"),
                Arguments.of("corrupt undone mark", "undone.json", "{\"undone\":\"soon\"}", Effect.BOOKKEEPING_LOST, "whether it was undone"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damages")
    void damageIsListedWithItsFileAndReasonAndNothingIsChanged(String name, String file, String content, Effect effect, String reason)
            throws IOException {
        Journal journal = new Journal(dir);
        String id = twoEntries(journal);
        Path damaged = dir.resolve(id).resolve(file);
        Files.writeString(damaged, content);
        Map<Path, String> before = contents();

        JournalListing listing = journal.listing();
        switch (effect) {
            case OPERATION_UNREADABLE -> {
                assertEquals(List.of(), listing.operations());
                DamagedOperation op = listing.damaged().getFirst();
                assertEquals(id, op.id());
                assertEquals(damaged, op.damage().file());
                assertTrue(op.damage().problem().contains(reason), op.damage().problem());
                JournalException thrown = assertThrows(JournalException.class, () -> journal.find(id));
                assertTrue(thrown.getMessage().contains(damaged.toString()) && thrown.getMessage().contains("nothing was changed")
                        && thrown.getMessage().contains("2 entry file(s)"), thrown.getMessage());
            }
            case ENTRY_LOST, BOOKKEEPING_LOST -> {
                assertEquals(List.of(), listing.damaged());
                JournalOperation op = journal.find(id).orElseThrow();
                assertEquals(List.of(op), listing.operations());
                JournalDamage damage = op.damage().getFirst();
                assertEquals(damaged, damage.file());
                assertTrue(damage.problem().contains(reason), damage.problem());
                assertEquals(effect == Effect.ENTRY_LOST, damage.blocksRestore());
                assertEquals(effect == Effect.ENTRY_LOST ? List.of(FIRST.sha256()) : List.of(FIRST.sha256(), SECOND.sha256()),
                        op.entries().stream().map(JournalEntry::digest).toList(), "the readable entries stay");
                assertEquals("docker.io", op.registry());
                if (name.equals("bad date")) assertEquals(Instant.parse("2025-06-01T12:00:00Z"), op.started(), "the id's time");
            }
        }
        assertEquals(before, contents(), "reading changed the journal");
    }

    @Test
    void aJournalPathThatIsAFileIsReportedWithWhatToDo() throws IOException {
        Path file = dir.resolve("journal");
        Files.writeString(file, "not a directory");
        Journal journal = new Journal(file);
        for (var call : List.<org.junit.jupiter.api.function.Executable>of(journal::listing, () -> journal.find("2025"),
                () -> journal.begin(JournalOperation.Kind.RM, "r", "r", "d", Instant.now()))) {
            JournalException e = assertThrows(JournalException.class, call);
            assertTrue(e.getMessage().contains(file + " is a file") && e.getMessage().contains("Move it aside"), e.getMessage());
        }
        assertEquals("not a directory", Files.readString(file));
    }

    private static String twoEntries(Journal journal) throws IOException {
        Journal.Writer writer = journal.begin(JournalOperation.Kind.RM, "docker.io", "registry-1.docker.io", "test",
                Instant.parse("2025-06-01T12:00:00Z"));
        writer.settle(writer.record("team/app", FIRST.sha256(), MediaType.OCI_MANIFEST, FIRST, List.of("v1"), ManifestDeletion.Role.TAGGED),
                JournalEntry.State.DELETED, "deleted");
        writer.settle(writer.record("team/app", SECOND.sha256(), MediaType.OCI_MANIFEST, SECOND, List.of("v2"), ManifestDeletion.Role.TAGGED),
                JournalEntry.State.DELETED, "deleted");
        return writer.id();
    }

    private static String operation(String kind, String started) {
        return "{\"berthJournal\":1,\"kind\":\"" + kind + "\",\"registry\":\"docker.io\",\"apiHost\":\"registry-1.docker.io\",\"started\":\""
                + started + "\",\"description\":\"d\"}";
    }

    private static String entry(String digest, String manifest, String role) {
        return "{\"sequence\":2,\"repository\":\"team/app\",\"digest\":\"" + digest + "\",\"mediaType\":\"" + MediaType.OCI_MANIFEST.value()
                + "\",\"role\":\"" + role + "\",\"state\":\"PENDING\",\"message\":\"\",\"tags\":[\"v2\"],\"manifest\":\"" + manifest + "\"}";
    }

    private static String b64(RawBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    private Map<Path, String> contents() throws IOException {
        Map<Path, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) files.put(p, Files.readString(p));
        }
        return files;
    }
}
