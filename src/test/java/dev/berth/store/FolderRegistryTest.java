package dev.berth.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.demo.DemoImages;
import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.ImageIndex;
import dev.berth.domain.ImageManifest;
import dev.berth.domain.MediaType;
import dev.berth.domain.RawBytes;
import dev.berth.registry.Capabilities;
import dev.berth.registry.ConnectionSettings;
import dev.berth.registry.DeleteResult;
import dev.berth.registry.ManifestHead;
import dev.berth.registry.ManifestResponse;
import dev.berth.registry.MountResult;
import dev.berth.registry.Page;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryClients;
import dev.berth.registry.RegistryException;
import dev.berth.work.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry client's own calls, answered by a folder of OCI layouts (the demo) with no socket. */
class FolderRegistryTest {

    @TempDir
    Path temp;

    Path demo;
    FolderRegistry folder;
    RegistryClient client;

    @BeforeEach
    void openTheDemo() throws Exception {
        demo = temp.resolve("demo");
        DemoImages.write(demo);
        folder = new FolderRegistry(demo);
        client = new RegistryClients().connect(ConnectionSettings.of(FolderRegistry.hostFor("demo")),
                new OkHttpClient.Builder().addInterceptor(folder));
    }

    @Test
    void catalogIsPagedLikeARegistry() throws Exception {
        Page<String> first = client.catalogPage(Optional.empty(), 3);
        assertEquals(List.of("library/alpine", "team/api", "team/web"), first.items());
        assertTrue(first.next().isPresent());
        Page<String> second = client.catalogPage(first.next(), 0);
        assertEquals(List.of("team/worker"), second.items());
        assertTrue(second.next().isEmpty());
        assertEquals(DemoImages.repositories(), client.catalog());
    }

    @Test
    void tagsArePagedAndSorted() throws Exception {
        Page<String> first = client.tagsPage("team/api", Optional.empty(), 4);
        assertEquals(List.of("1.0.0", "1.1.0", "1.2.0", "1.3.0-rc1"), first.items());
        assertEquals(9, client.tags("team/api").size());
        assertThrows(RegistryException.NotFound.class, () -> client.tags("team/nothing"));
    }

    @Test
    void manifestsByTagAndDigestWithHead() throws Exception {
        ManifestResponse index = client.manifest("library/alpine", "latest");
        assertInstanceOf(ImageIndex.class, index.manifest());
        ManifestHead head = client.headManifest("library/alpine", "3.20");
        assertEquals(index.digest(), head.digest());
        assertEquals(MediaType.OCI_INDEX, head.mediaType());
        Descriptor arm = ((ImageIndex) index.manifest()).manifests().get(1);
        assertInstanceOf(ImageManifest.class, client.manifest("library/alpine", arm.digest().toString()).manifest());
        assertEquals(List.of("3.20", "latest"), client.tagsPointingAt("library/alpine", index.digest()));
        assertTrue(client.currentDigest("library/alpine", "9.9").isEmpty());
    }

    @Test
    void blobsAreReadWholeAndByRange() throws Exception {
        ImageManifest image = (ImageManifest) client.manifest("team/api", "1.2.0").manifest();
        Descriptor layer = image.layers().getLast();
        byte[] whole = client.blobBytes("team/api", layer, 1 << 20).toByteArray();
        assertEquals(layer.size(), whole.length);
        assertEquals(OptionalLong.of(layer.size()), client.blobExists("team/api", layer.digest()));

        OkHttpClient http = new OkHttpClient.Builder().addInterceptor(folder).build();
        Request ranged = new Request.Builder().url("https://" + FolderRegistry.hostFor("demo") + "/v2/team/api/blobs/" + layer.digest())
                .header("Range", "bytes=10-").build();
        try (Response response = http.newCall(ranged).execute()) {
            assertEquals(206, response.code());
            assertEquals("bytes 10-" + (layer.size() - 1) + "/" + layer.size(), response.header("Content-Range"));
            assertArrayEquals(java.util.Arrays.copyOfRange(whole, 10, whole.length), response.body().bytes());
        }
        // A download that stopped halfway resumes with a Range request and still verifies the whole digest.
        Path target = temp.resolve("layer");
        Files.write(target, java.util.Arrays.copyOf(whole, 20));
        client.downloadBlob("team/api", layer, target, Progress.none());
        assertArrayEquals(whole, Files.readAllBytes(target));
    }

    @Test
    void uploadsChunkedAndMonolithicThenAManifestMakesANewRepository() throws Exception {
        byte[] layer = "a layer that is not really a tar, which registries do not check".getBytes();
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}".getBytes();
        Digest layerDigest = Digest.sha256(layer);
        Digest configDigest = Digest.sha256(config);
        client.uploadBlob("team/new", layerDigest, layer.length, () -> new java.io.ByteArrayInputStream(layer), 16, Progress.none());
        client.uploadBlob("team/new", configDigest, config.length, () -> new java.io.ByteArrayInputStream(config), 0, Progress.none());
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST.value() + "\",\"config\":{\"mediaType\":\""
                + MediaType.OCI_CONFIG.value() + "\",\"digest\":\"" + configDigest + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":\""
                + MediaType.OCI_LAYER_GZIP.value() + "\",\"digest\":\"" + layerDigest + "\",\"size\":" + layer.length + "}]}";
        Digest pushed = client.putManifest("team/new", "v1", RawBytes.utf8(manifest), MediaType.OCI_MANIFEST);

        assertTrue(client.catalog().contains("team/new"));
        assertEquals(List.of("v1"), client.tags("team/new"));
        assertEquals(pushed, client.headManifest("team/new", "v1").digest());
        assertEquals(List.of("v1"), OciLayout.open(demo.resolve("team/new")).tags(), "a real OCI layout");
        assertFalse(Files.exists(demo.resolve(".berth-uploads").resolve("x")));
        try (var left = Files.list(demo.resolve(".berth-uploads"))) {
            assertEquals(0, left.count(), "no upload left behind");
        }
    }

    @Test
    void aManifestWhoseBlobsAreMissingIsRefused() {
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST.value() + "\",\"config\":{\"mediaType\":\""
                + MediaType.OCI_CONFIG.value() + "\",\"digest\":\"sha256:" + "1".repeat(64) + "\",\"size\":2},\"layers\":[]}";
        assertThrows(RegistryException.class, () -> client.putManifest("team/api", "broken", RawBytes.utf8(manifest), MediaType.OCI_MANIFEST));
    }

    @Test
    void mountLinksABlobFromAnotherRepository() throws Exception {
        ImageManifest image = (ImageManifest) client.manifest("team/api", "1.2.0").manifest();
        Digest layer = image.layers().getLast().digest();
        assertEquals(OptionalLong.empty(), client.blobExists("team/web", layer));
        assertEquals(MountResult.MOUNTED, client.mountBlob("team/web", layer, "team/api"));
        assertEquals(OptionalLong.of(image.layers().getLast().size()), client.blobExists("team/web", layer));
        assertEquals(MountResult.NOT_MOUNTED, client.mountBlob("team/web", new Digest("sha256", "2".repeat(64)), "team/api"));
    }

    @Test
    void deleteByDigestRemovesEveryTagAndCollectsItsBlobs() throws Exception {
        ManifestResponse latest = client.manifest("team/api", "latest");
        ImageManifest image = (ImageManifest) latest.manifest();
        Path ownLayer = BlobFiles.blobPath(demo.resolve("team/api"), image.layers().getLast().digest());
        Path sharedBase = BlobFiles.blobPath(demo.resolve("team/api"), image.layers().getFirst().digest());
        assertTrue(Files.exists(ownLayer));

        DeleteResult deleted = client.delete(latest.deletable().orElseThrow());

        assertEquals(DeleteResult.Status.DELETED, deleted.status());
        assertFalse(client.tags("team/api").contains("latest"));
        assertFalse(client.tags("team/api").contains("1.2.0"), "both tags of the digest went (T4)");
        assertFalse(Files.exists(ownLayer), "the layer only this image used was collected");
        assertFalse(Files.exists(BlobFiles.blobPath(demo.resolve("team/api"), latest.digest())), "and the manifest itself");
        assertTrue(Files.exists(sharedBase), "the base layer other images use stays");
        assertEquals(DeleteResult.Status.NOT_FOUND, client.delete(latest.deletable().orElseThrow()).status());
    }

    @Test
    void untagRemovesOnlyTheTag() throws Exception {
        Digest digest = client.headManifest("team/api", "latest").digest();
        assertEquals(DeleteResult.Status.DELETED, client.untag("team/api", "latest").status());
        assertFalse(client.tags("team/api").contains("latest"));
        assertEquals(Optional.of(digest), client.currentDigest("team/api", digest.toString()));
        assertEquals(Optional.of(digest), client.currentDigest("team/api", "1.2.0"));
    }

    @Test
    void referrersFindTheSignature() throws Exception {
        Digest signed = client.headManifest("team/api", "1.2.0").digest();
        List<Descriptor> referrers = client.referrers("team/api", signed);
        assertEquals(1, referrers.size());
        assertEquals(Optional.of("application/vnd.dev.berth.demo.signature.v1+json"), referrers.getFirst().artifactType());
        assertEquals(List.of(), client.referrers("team/api", client.headManifest("team/api", "1.0.0").digest()));
    }

    @Test
    void theProbeFindsCatalogDeletesAndReferrers() throws Exception {
        Capabilities capabilities = client.probeIncludingDeletes(Optional.of("team/api"));
        assertEquals(Capabilities.Ability.YES, capabilities.catalog());
        assertEquals(Capabilities.Ability.YES, capabilities.deletes());
        assertEquals(Capabilities.Ability.YES, capabilities.referrersApi());
        assertEquals(Capabilities.TagDeletion.REMOVES_TAG_ONLY, capabilities.tagDeletion());
    }

    @Test
    void concurrentPushesToOneRepositoryKeepEveryTag() throws Exception {
        RawBytes manifest = client.manifest("team/api", "1.0.0").manifest().raw();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Digest>> pushes = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String tag = "parallel-" + i;
                pushes.add(pool.submit(() -> client.putManifest("team/api", tag, manifest, MediaType.OCI_MANIFEST)));
            }
            for (Future<Digest> push : pushes) push.get();
        }
        assertEquals(9 + 24, client.tags("team/api").size());
    }
}
