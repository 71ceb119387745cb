package dev.berth.cleanup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.domain.MediaType;
import dev.berth.domain.RawBytes;
import dev.berth.registry.ConnectionSettings;
import dev.berth.registry.RegistryClients;
import dev.berth.work.CancelSignal;
import dev.berth.work.Progress;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A journal edited by hand can name what no registry holds: undo reports it and sends nothing for it. */
class JournalRestorerNamesTest {

    private static final RawBytes MANIFEST = RawBytes.utf8("""
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",\
            "config":{"mediaType":"application/vnd.oci.image.config.v1+json",\
            "digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","size":2},"layers":[]}""");

    @TempDir
    Path journalDir;

    @ParameterizedTest
    @CsvSource({"Team/App, 1.0", "team/app, .hidden"})
    void aRepositoryOrTagNoRegistryCanHoldIsImpossibleToRestore(String repository, String tag) throws Exception {
        List<String> requests = new CopyOnWriteArrayList<>();
        try (MockWebServer registry = new MockWebServer()) {
            registry.setDispatcher(new mockwebserver3.Dispatcher() {
                @Override
                public MockResponse dispatch(mockwebserver3.RecordedRequest request) {
                    requests.add(request.getMethod() + " " + request.getTarget());
                    return new MockResponse.Builder().code(404).build();
                }
            });
            registry.start(InetAddress.getLoopbackAddress(), 0);
            var client = new RegistryClients().connect(ConnectionSettings.of(registry.getHostName() + ":" + registry.getPort())
                    .withPlainHttp(true, false));
            JournalEntry entry = new JournalEntry(1, repository, MANIFEST.sha256(), MediaType.OCI_MANIFEST, MANIFEST, List.of(tag),
                    ManifestDeletion.Role.TAGGED, JournalEntry.State.DELETED, "deleted");
            JournalOperation operation = new JournalOperation("op", JournalOperation.Kind.CLEANUP, "local", "local", Instant.EPOCH,
                    "edited by hand", List.of(entry), Optional.empty());

            RestoreResult result = new JournalRestorer(client, new Journal(journalDir)).restore(operation, Progress.none(),
                    CancelSignal.none());

            RestoreOutcome outcome = result.outcomes().getFirst();
            assertEquals(RestoreOutcome.Status.IMPOSSIBLE, outcome.status());
            assertTrue(outcome.message().startsWith("the journal names what no registry can hold"), outcome.message());
            assertEquals(List.of(), requests);
        }
    }
}
