package dev.berth.cleanup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.browse.ImageSummary;
import dev.berth.browse.RepositorySnapshot;
import dev.berth.browse.ScanBatch;
import dev.berth.browse.ScanEvent;
import dev.berth.browse.TagInfo;
import dev.berth.domain.Digest;
import dev.berth.domain.MediaType;
import dev.berth.domain.RawBytes;
import dev.berth.registry.ConnectionSettings;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryClients;
import dev.berth.work.Progress;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The referrers a cleanup must know of, from a registry with the OCI referrers API (which the
 * Distribution the other tests run does not have): each fetched once, a gone one reported, none
 * of the tagged manifests fetched again.
 */
class CleanupScanReferrersTest {

    private static final String CONFIG = "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";

    private final MockWebServer registry = new MockWebServer();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private final RawBytes image = manifest("image");
    private final RawBytes signature = manifest("signature");
    private final Digest gone = Digest.sha256("gone".getBytes());

    @BeforeEach
    void start() throws IOException {
        registry.start(InetAddress.getLoopbackAddress(), 0);
        String referrers = """
                {"schemaVersion":2,"mediaType":"%s","manifests":[%s,%s,%s]}""".formatted(MediaType.OCI_INDEX.value(),
                entry(signature.sha256(), signature.size()), entry(gone, 10), entry(signature.sha256(), signature.size()));
        registry.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public MockResponse dispatch(mockwebserver3.RecordedRequest request) {
                String path = request.getTarget();
                requests.add(request.getMethod() + " " + path);
                if (path.equals("/v2/team/app/referrers/" + image.sha256())) return json(referrers, MediaType.OCI_INDEX);
                if (path.startsWith("/v2/team/app/referrers/")) return json(emptyIndex(), MediaType.OCI_INDEX);
                if (path.equals("/v2/team/app/manifests/" + signature.sha256())) {
                    return new MockResponse.Builder().code(200).addHeader("Content-Type", MediaType.OCI_MANIFEST.value())
                            .addHeader("Docker-Content-Digest", signature.sha256().toString()).body(signature.asUtf8()).build();
                }
                return new MockResponse.Builder().code(404).build();
            }
        });
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void eachReferrerOfATaggedManifestIsLoadedOnceAndAGoneOneIsReported() throws Exception {
        RegistryClient client = new RegistryClients().connect(ConnectionSettings.of(registry.getHostName() + ":" + registry.getPort())
                .withPlainHttp(true, false));
        RepositorySnapshot snapshot = new RepositorySnapshot("local", "team/app",
                List.of(new TagInfo("team/app", "1.0", image.sha256()), new TagInfo("team/app", "latest", image.sha256())), Map.of());
        List<String> heard = new CopyOnWriteArrayList<>();
        Progress<ScanEvent> listener = event -> {
            if (!(event instanceof ScanBatch batch)) return;
            batch.images().forEach(summary -> heard.add("loaded " + summary.digest().shortHex()));
            batch.failures().forEach(failure -> heard.add("failed " + failure.what()));
        };

        RepositorySnapshot full = CleanupScan.withReferrers(client, snapshot, listener);

        assertEquals(List.of("loaded " + signature.sha256().shortHex(), "failed team/app@" + gone.shortHex()), heard);
        assertEquals(1, full.images().size());
        assertTrue(full.image(signature.sha256()).isPresent());
        assertEquals(1, requests.stream().filter(r -> r.equals("GET /v2/team/app/manifests/" + signature.sha256())).count(),
                "fetched once though listed twice");
        assertTrue(requests.stream().noneMatch(r -> r.contains("/manifests/" + image.sha256())), "the tagged manifest is not fetched");
        assertTrue(requests.stream().noneMatch(r -> r.contains("/referrers/" + signature.sha256())), "one level only");
    }

    private static RawBytes manifest(String nonce) {
        return RawBytes.utf8("""
                {"schemaVersion":2,"mediaType":"%s","config":{"mediaType":"%s","digest":"%s","size":2},"layers":[],\
                "annotations":{"nonce":"%s"}}""".formatted(MediaType.OCI_MANIFEST.value(), MediaType.OCI_CONFIG.value(), CONFIG, nonce));
    }

    private static String entry(Digest digest, long size) {
        return """
                {"mediaType":"%s","digest":"%s","size":%d}""".formatted(MediaType.OCI_MANIFEST.value(), digest, size);
    }

    private static String emptyIndex() {
        return """
                {"schemaVersion":2,"mediaType":"%s","manifests":[]}""".formatted(MediaType.OCI_INDEX.value());
    }

    private static MockResponse json(String body, MediaType type) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", type.value()).body(body).build();
    }
}
