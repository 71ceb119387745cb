package dev.berth.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.domain.Digest;
import dev.berth.work.CancelSignal;
import dev.berth.registry.ConnectionSettings;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryClients;
import dev.berth.registry.RegistryException;
import dev.berth.store.OciLayout;
import dev.berth.store.RegistryStore;
import dev.berth.testing.RegistryKillSwitch;
import dev.berth.testing.RegistryProxy;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TestImages;
import dev.berth.transfer.CopyException;
import dev.berth.transfer.CopyOptions;
import dev.berth.transfer.CopyResult;
import dev.berth.transfer.ImageCopier;
import dev.berth.work.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Interceptor;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transfer engine against real registries that fail in the middle of a copy: a source registry
 * killed between blobs, a blob download whose connection breaks mid-stream.
 */
class CopyFaultsTest {

    @TempDir
    Path work;

    @Test
    void aSourceRegistryKilledMidCopyIsNamedAndARetrySkipsTheBlobsAlreadyCopied() throws Exception {
        try (RegistryServer source = RegistryServer.builder(work.resolve("source")).start();
                RegistryServer target = RegistryServer.builder(work.resolve("target")).start()) {
            TestImages.Image image = RegistrySeeder.of(source).pushImage("team/app", "1.0", TestImages.ociImage(901, 4000, 5000, 6000));
            RegistryKillSwitch kill = RegistryKillSwitch.killAt(source, "GET", "/blobs/sha256:", 3);
            RegistryStore from = new RegistryStore(client(source, kill), "team/app");
            RegistryStore to = new RegistryStore(client(target, null), "copy/app");
            CopyOptions oneAtATime = CopyOptions.defaults().withParallelism(1);

            IOException error = assertThrows(IOException.class, () -> copier().copy(from, "1.0", to, Optional.of("1.0"), oneAtATime,
                    CancelSignal.none(), Progress.none()));

            assertTrue(kill.fired());
            String message = error.getMessage();
            assertTrue(message.contains(source.hostPort()), "names the source registry: " + message);
            assertTrue(message.contains("copy again"), "says what to do: " + message);
            assertTrue(message.contains("Nothing was tagged"), message);
            assertThrows(RegistryException.class, () -> to.resolve("1.0"), "nothing is tagged at the destination");
            assertNoUploadSessions(target, "copy/app");

            source.start();
            CopyResult retried = copier().copy(from, "1.0", to, Optional.of("1.0"), oneAtATime, CancelSignal.none(), Progress.none());

            assertEquals(Digest.parse(image.digest()), to.resolve("1.0").digest());
            assertEquals(2, retried.blobsSkipped(), "the config and the first layer were copied before the kill");
            assertEquals(image.blobs().size() - 2, retried.blobsCopied());
        }
    }

    @Test
    void aBlobDownloadBrokenMidStreamResumesWithRangeAndTheCopyCompletes() throws Exception {
        try (RegistryServer source = RegistryServer.builder(work.resolve("source")).start();
                RegistryServer target = RegistryServer.builder(work.resolve("target")).start()) {
            TestImages.Image image = RegistrySeeder.of(source).pushImage("team/app", "1.0", TestImages.ociImage(902, 300_000));
            BreakOnce breaker = new BreakOnce(100_000);
            RegistryClients clients = new RegistryClients();
            RegistryClient client = clients.connect(ConnectionSettings.of(source.hostPort()).withPlainHttp(true, false),
                    clients.sharedHttpClient().newBuilder().addInterceptor(breaker));
            RegistryStore to = new RegistryStore(client(target, null), "copy/app");

            CopyResult result = copier().copy(new RegistryStore(client, "team/app"), "1.0", to, Optional.of("1.0"), CopyOptions.defaults(),
                    CancelSignal.none(), Progress.none());

            assertTrue(breaker.broke.get(), "the connection was broken");
            assertEquals(List.of("bytes=100000-"), breaker.ranges, "the download resumed where it broke");
            assertEquals(Digest.parse(image.digest()), result.digest());
            assertEquals(Digest.parse(image.digest()), to.resolve("1.0").digest());
        }
    }

    @Test
    void aCopyCancelledWithAnUploadOpenLeavesNoUploadSessionAtTheDestination() throws Exception {
        try (RegistryServer source = RegistryServer.builder(work.resolve("source")).start();
                RegistryServer target = RegistryServer.builder(work.resolve("target")).start()) {
            RegistrySeeder.of(source).pushImage("team/app", "1.0", TestImages.ociImage(903, 4000, 5000));
            CancelSignal cancel = new CancelSignal();
            AtomicInteger blobReads = new AtomicInteger();
            // The engine opens the upload first and the source blob second: cancelling then leaves a session open.
            Interceptor cancelAtSecondBlob = chain -> {
                if (chain.request().url().encodedPath().contains("/blobs/sha256:") && chain.request().method().equals("GET")
                        && blobReads.incrementAndGet() == 2) {
                    cancel.cancel();
                }
                return chain.proceed(chain.request());
            };
            RegistryClients clients = new RegistryClients();
            RegistryClient sourceClient = clients.connect(ConnectionSettings.of(source.hostPort()).withPlainHttp(true, false),
                    clients.sharedHttpClient().newBuilder().addInterceptor(cancelAtSecondBlob));
            RegistryStore from = new RegistryStore(sourceClient.withCancel(cancel), "team/app");
            RegistryStore to = new RegistryStore(client(target, null).withCancel(cancel), "copy/app");

            assertThrows(CancellationException.class, () -> copier().copy(from, "1.0", to, Optional.of("1.0"),
                    CopyOptions.defaults().withParallelism(1), cancel, Progress.none()));

            assertEquals(2, blobReads.get());
            assertNoUploadSessions(target, "copy/app");
        }
    }

    @Test
    void aCorruptBlobServedByARegistryFailsTheCopyNamingItAndNothingIsTagged() throws Exception {
        try (RegistryServer source = RegistryServer.builder(work.resolve("source")).start();
                RegistryServer target = RegistryServer.builder(work.resolve("target")).start()) {
            TestImages.Image image = RegistrySeeder.of(source).pushImage("team/app", "1.0", TestImages.ociImage(904, 4000, 90_000));
            String corrupted = image.layers().get(1).digest();
            try (RegistryProxy flipping = RegistryProxy.start(source, (request, upstream) -> {
                RegistryProxy.Answer answer = upstream.forward(request);
                if (!request.getMethod().equals("GET") || !request.getTarget().endsWith("/blobs/" + corrupted) || answer.code() != 200) {
                    return answer;
                }
                byte[] body = answer.body().clone();
                body[body.length / 2] ^= 1;
                return answer.withBody(body);
            })) {
                RegistryStore from = new RegistryStore(new RegistryClients().connect(
                        ConnectionSettings.of(flipping.hostPort()).withPlainHttp(true, false)), "team/app");
                RegistryStore toRegistry = new RegistryStore(client(target, null), "copy/app");
                Path layoutDir = work.resolve("layout");

                CopyException intoRegistry = assertThrows(CopyException.class, () -> copier().copy(from, "1.0", toRegistry,
                        Optional.of("1.0"), CopyOptions.defaults(), CancelSignal.none(), Progress.none()));
                CopyException intoLayout;
                try (OciLayout toLayout = OciLayout.open(layoutDir)) {
                    intoLayout = assertThrows(CopyException.class, () -> copier().copy(from, "1.0", toLayout, Optional.of("1.0"),
                            CopyOptions.defaults(), CancelSignal.none(), Progress.none()));
                }

                for (CopyException e : List.of(intoRegistry, intoLayout)) {
                    assertTrue(e.getMessage().contains(corrupted), "names the blob: " + e.getMessage());
                    assertTrue(e.getMessage().contains(from.description()), "names the source: " + e.getMessage());
                    assertTrue(e.getMessage().contains("Nothing was tagged"), e.getMessage());
                }
                assertThrows(RegistryException.NotFound.class, () -> toRegistry.resolve("1.0"));
                assertTrue(toRegistry.blobSize(Digest.parse(corrupted)).isEmpty(), "the corrupt blob was not stored");
                assertFalse(Files.exists(layoutDir), "a new layout is only created by a copy that completes");
            }
        }
    }

    /**
     * A session Distribution still keeps has its {@code startedat} (what resuming it reads) or its data. A cancelled one
     * can leave an empty hash state behind (Distribution 2.8 writes it back after the DELETE): that is no session.
     */
    private static void assertNoUploadSessions(RegistryServer registry, String repository) throws IOException {
        Path uploads = registry.storageRoot().resolve("docker/registry/v2/repositories/" + repository + "/_uploads");
        assertTrue(Files.isDirectory(uploads), "an upload was started: " + uploads);
        try (Stream<Path> files = Files.walk(uploads)) {
            List<Path> kept = files.filter(f -> f.getFileName().toString().equals("startedat") || f.getFileName().toString().equals("data"))
                    .toList();
            assertEquals(List.of(), kept, "upload sessions the registry keeps");
        }
    }

    private ImageCopier copier() {
        return new ImageCopier(work.resolve("scratch"));
    }

    private static RegistryClient client(RegistryServer registry, RegistryKillSwitch kill) throws RegistryException {
        RegistryClients clients = new RegistryClients();
        ConnectionSettings settings = ConnectionSettings.of(registry.hostPort()).withPlainHttp(true, false);
        return kill == null ? clients.connect(settings) : clients.connect(settings, kill.installOn(clients.sharedHttpClient().newBuilder()));
    }

    /** Cuts the body of the first large blob GET after {@code after} bytes, as a dropped connection would; records Range requests. */
    private static final class BreakOnce implements Interceptor {
        final long after;
        final AtomicBoolean broke = new AtomicBoolean();
        final List<String> ranges = new CopyOnWriteArrayList<>();

        BreakOnce(long after) {
            this.after = after;
        }

        @Override
        public Response intercept(Chain chain) throws IOException {
            String range = chain.request().header("Range");
            if (range != null) ranges.add(range);
            Response response = chain.proceed(chain.request());
            boolean bigBlob = chain.request().method().equals("GET") && chain.request().url().encodedPath().contains("/blobs/sha256:")
                    && response.body().contentLength() > after;
            if (!bigBlob || range != null || !broke.compareAndSet(false, true)) return response;
            ResponseBody body = response.body();
            BufferedSource cut = Okio.buffer(new ForwardingSource(body.source()) {
                long passed;

                @Override
                public long read(Buffer sink, long byteCount) throws IOException {
                    if (passed >= after) throw new IOException("connection reset (test)");
                    long n = super.read(sink, Math.min(byteCount, after - passed));
                    if (n > 0) passed += n;
                    return n;
                }
            });
            return response.newBuilder().body(ResponseBody.create(cut, body.contentType(), body.contentLength())).build();
        }
    }
}
