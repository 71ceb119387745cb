package dev.berth.registry;

import dev.berth.work.Progress;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.domain.Digest;
import dev.berth.domain.MediaType;
import dev.berth.domain.RawBytes;
import dev.berth.registry.RealRegistry.Exchanged;
import dev.berth.registry.RealRegistry.Recorder;
import dev.berth.registry.auth.Credentials;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TestImages;
import dev.berth.testing.TestImages.Content;
import dev.berth.testing.TestImages.Image;
import dev.berth.testing.TestImages.Index;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client pushing by itself (uploads, mounts, manifests) into a real Distribution 2.8 (T11, T14). */
class ClientPushRegistryTest {

    @TempDir
    static Path work;

    private static RegistryServer registry;
    private static RegistrySeeder seeder;
    private static final Recorder wire = new Recorder();
    private static RegistryClient client;

    @BeforeAll
    static void start() throws Exception {
        registry = RegistryServer.builder(work).start();
        seeder = RegistrySeeder.of(registry);
        client = RealRegistry.plain(registry, Credentials.anonymous(), wire);
    }

    @AfterAll
    static void stop() {
        if (registry != null) registry.close();
    }

    @BeforeEach
    void clearWire() {
        wire.clear();
    }

    @Test
    void pushesAnOciImageMonolithically() throws Exception {
        Image image = TestImages.ociImage(300, 2000, 3000);
        push("push/oci", "v1", image, 0);

        assertArrayEquals(image.manifest().bytes(), seeder.getManifest("push/oci", "v1"), "stored byte for byte");
        assertArrayEquals(image.manifest().bytes(), seeder.getManifest("push/oci", image.digest()));
        // Monolithic: POST then one PUT with the whole blob, per blob; no PATCH.
        assertEquals(List.of(), wire.with("PATCH"));
        assertEquals(3, wire.with("POST").size());
        for (Content blob : image.blobs()) {
            assertTrue(seeder.blobExists("push/oci", blob.digest()));
            assertEquals(OptionalLong.of(blob.size()), client.blobExists("push/oci", RealRegistry.digest(blob)));
        }
        ManifestResponse back = client.manifest("push/oci", "v1");
        assertEquals(Digest.parse(image.digest()), back.digest());
        assertEquals(MediaType.OCI_MANIFEST, back.contentType());
    }

    @Test
    void pushesADockerImageInChunksFollowingEachNewLocation() throws Exception {
        Image image = TestImages.dockerImage(310, 10_000, 2_500);
        AtomicLong lastProgress = new AtomicLong();
        for (Content blob : image.blobs()) {
            client.uploadBlob("push/docker", RealRegistry.digest(blob), blob.size(),
                    () -> new ByteArrayInputStream(blob.bytes()), 1024, amount -> {
                        assertTrue(amount.done() <= amount.total());
                        lastProgress.set(amount.done());
                    });
            assertEquals(blob.size(), lastProgress.get(), "progress reaches the end");
        }
        Digest digest = client.putManifest("push/docker", "chunked", RawBytes.of(image.manifest().bytes()),
                MediaType.DOCKER_MANIFEST);

        assertEquals(Digest.parse(image.digest()), digest);
        assertArrayEquals(image.manifest().bytes(), seeder.getManifest("push/docker", "chunked"));
        List<Exchanged> patches = wire.with("PATCH");
        // Blobs larger than a chunk go in 1 KiB PATCHes; the small config goes whole with the closing PUT.
        long expectedPatches = image.blobs().stream().filter(b -> b.size() > 1024).mapToLong(b -> (b.size() + 1023) / 1024).sum();
        assertEquals(13, expectedPatches);
        assertEquals(expectedPatches, patches.size(), "one PATCH per 1 KiB chunk");
        assertTrue(patches.stream().allMatch(p -> p.code() == 202), patches.toString());
        // Each PATCH goes to the Location the previous answer gave (Distribution's _state changes every time).
        assertEquals(patches.size(), patches.stream().map(Exchanged::url).distinct().count(), "never replayed to a stale Location");
        for (Content blob : image.blobs()) {
            Path file = work.resolve("pulled-" + blob.digest().substring(7, 19));
            client.downloadBlob("push/docker", RealRegistry.descriptor(blob), file, Progress.none());
            assertArrayEquals(blob.bytes(), Files.readAllBytes(file), "chunks were assembled in order, none twice");
        }
        ManifestResponse back = client.manifest("push/docker", "chunked");
        assertEquals(MediaType.DOCKER_MANIFEST, back.contentType());
        assertArrayEquals(image.manifest().bytes(), back.manifest().raw().toByteArray());
    }

    @Test
    void pushesAnIndexAfterItsChildren() throws Exception {
        Index index = TestImages.multiArch(320, 700);
        for (Image child : index.children()) push("push/multi", child.digest(), child, 512);
        Digest digest = client.putManifest("push/multi", "latest", RawBytes.of(index.manifest().bytes()), MediaType.OCI_INDEX);

        assertEquals(Digest.parse(index.digest()), digest);
        assertArrayEquals(index.manifest().bytes(), seeder.getManifest("push/multi", "latest"));
        assertEquals(Digest.parse(index.digest()), client.headManifest("push/multi", "latest").digest());
    }

    @Test
    void blobAlreadyPresentIsNotUploadedAgain() throws Exception {
        Image image = seeder.pushImage("push/present", "1", 330, 4000);
        Content layer = image.layers().get(0);
        wire.clear();
        AtomicLong progress = new AtomicLong();
        client.uploadBlob("push/present", RealRegistry.digest(layer), layer.size(), () -> {
            throw new AssertionError("the source must not even be opened");
        }, 0, amount -> progress.set(amount.done()));

        assertEquals(layer.size(), progress.get(), "reported as done");
        assertEquals(List.of("HEAD"), wire.all().stream().map(Exchanged::method).toList());
    }

    @Test
    void mountFromAnotherRepository() throws Exception {
        Image source = seeder.pushImage("mount/source", "1", 340, 5000);
        Digest layer = Digest.parse(source.layerDigests().get(0));
        assertEquals(OptionalLong.empty(), client.blobExists("mount/target", layer));

        assertEquals(MountResult.MOUNTED, client.mountBlob("mount/target", layer, "mount/source"));

        assertEquals(OptionalLong.of(5000), client.blobExists("mount/target", layer));
        assertEquals(List.of(), wire.with("PATCH"));
        assertEquals(List.of(), wire.with("PUT"), "nothing uploaded");
        // With the config mounted too, the manifest can be pushed to the target without uploading anything.
        assertEquals(MountResult.MOUNTED, client.mountBlob("mount/target", Digest.parse(source.config().digest()), "mount/source"));
        client.putManifest("mount/target", "copied", RawBytes.of(source.manifest().bytes()), MediaType.OCI_MANIFEST);
        assertArrayEquals(source.manifest().bytes(), seeder.getManifest("mount/target", "copied"));
    }

    @Test
    void mountOfABlobTheSourceLacksLeavesNoSession() throws Exception {
        seeder.pushImage("mount/poor", "1", 350, 100);
        Content elsewhere = TestImages.layer(351, 800);
        seeder.pushBlob("mount/rich", elsewhere); // exists in the registry, but not in mount/poor

        assertEquals(MountResult.NOT_MOUNTED, client.mountBlob("mount/dest", RealRegistry.digest(elsewhere), "mount/poor"));

        assertEquals(OptionalLong.empty(), client.blobExists("mount/dest", RealRegistry.digest(elsewhere)));
        List<Exchanged> posts = wire.with("POST");
        assertEquals(202, posts.getLast().code(), "Distribution opened an upload session instead");
        List<Exchanged> deletes = wire.with("DELETE");
        assertEquals(1, deletes.size(), "the unused session is cancelled");
        assertTrue(deletes.get(0).path().startsWith("/v2/mount/dest/blobs/uploads/"), deletes.toString());
        assertEquals(204, deletes.get(0).code());
        // The session is gone: its Location no longer answers.
        try (Response r = registry.client().newCall(new Request.Builder().url(deletes.get(0).url()).build()).execute()) {
            assertEquals(404, r.code());
            assertTrue(r.body().string().contains("BLOB_UPLOAD_UNKNOWN"));
        }
        // On disk Distribution 2.8 removes the upload's data and startedat but rewrites its hashstates while closing
        // the cancelled writer (a registry quirk, harmless: upload purging and GC ignore them).
        Path uploads = registry.storageRoot().resolve("docker/registry/v2/repositories/mount/dest/_uploads");
        if (Files.isDirectory(uploads)) {
            try (Stream<Path> left = Files.walk(uploads)) {
                List<String> names = left.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
                assertTrue(!names.contains("data") && !names.contains("startedat"), "upload left dangling: " + names);
            }
        }
    }

    private static void push(String repo, String tag, Image image, long chunkSize) throws RegistryException {
        for (Content blob : image.blobs()) {
            client.uploadBlob(repo, RealRegistry.digest(blob), blob.size(), () -> new ByteArrayInputStream(blob.bytes()),
                    chunkSize, Progress.none());
        }
        Digest digest = client.putManifest(repo, tag, RawBytes.of(image.manifest().bytes()), MediaType.of(image.mediaType()));
        assertEquals(Digest.parse(image.digest()), digest);
    }
}
