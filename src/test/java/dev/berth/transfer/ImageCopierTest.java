package dev.berth.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.ImageIndex;
import dev.berth.domain.ImageManifest;
import dev.berth.domain.Platform;
import dev.berth.work.CancelSignal;
import dev.berth.registry.ConnectionSettings;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryClients;
import dev.berth.registry.RegistryException;
import dev.berth.store.ImageDestination;
import dev.berth.store.ImageSource;
import dev.berth.store.OciArchive;
import dev.berth.store.OciLayout;
import dev.berth.store.RegistryStore;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TestImages;
import dev.berth.testing.TestImages.Image;
import dev.berth.testing.TestImages.Index;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The engine between two real registries and OCI layouts: digests kept, mounts, skips, filters, failures, cancel. */
class ImageCopierTest {

    @TempDir
    static Path work;

    private static RegistryServer first;
    private static RegistryServer second;
    private static RegistryClient firstClient;
    private static RegistryClient secondClient;
    private static Index multiArch;
    private static Image single;
    private static Image signed;
    private static Image signature;

    @BeforeAll
    static void start() throws Exception {
        first = RegistryServer.builder(work.resolve("first")).start();
        second = RegistryServer.builder(work.resolve("second")).start();
        multiArch = TestImages.multiArch(501, 3000, 200 * 1024);
        single = TestImages.ociImage(502, 1500, 2500);
        RegistrySeeder seeder = RegistrySeeder.of(first);
        seeder.pushIndex("src/multi", "1.0", multiArch);
        seeder.pushImage("src/single", "1.0", single);
        signed = seeder.pushImage("src/signed", "1.0", TestImages.ociImage(503, 800));
        signature = seeder.pushImage("src/signed", null, TestImages.artifact(signed.manifest(),
                "application/vnd.dev.cosign.artifact.sig.v1+json", "application/vnd.dev.cosign.simplesigning.v1+json", 200, 504));
        seeder.tag("src/signed", TestImages.referrersTag(signed.digest()), TestImages.referrersIndex(List.of(signature)).bytes(),
                TestImages.OCI_INDEX);
        firstClient = client(first);
        secondClient = client(second);
    }

    @AfterAll
    static void stop() {
        if (first != null) first.close();
        if (second != null) second.close();
    }

    private static RegistryClient client(RegistryServer registry) throws RegistryException {
        return new RegistryClients().connect(ConnectionSettings.of(registry.hostPort()).withPlainHttp(true, false));
    }

    private static CopyResult copy(ImageSource from, String reference, ImageDestination to, Optional<String> tag, CopyOptions options,
            List<TransferEvent> events) throws Exception {
        return new ImageCopier(work).copy(from, reference, to, tag, options, CancelSignal.none(), events::add);
    }

    @Test
    void aMultiArchIndexCopiedBetweenRegistriesKeepsItsDigest() throws Exception {
        List<TransferEvent> events = new ArrayList<>();
        RegistryStore to = new RegistryStore(secondClient, "dst/multi");
        CopyResult result = copy(new RegistryStore(firstClient, "src/multi"), "1.0", to, Optional.of("1.0"), CopyOptions.defaults(), events);

        assertEquals(Digest.parse(multiArch.digest()), result.digest());
        assertTrue(result.digestPreserved());
        assertEquals(Digest.parse(multiArch.digest()), to.resolve("1.0").digest());
        long distinct = multiArch.children().stream().flatMap(c -> c.blobs().stream()).map(TestImages.Content::digest).distinct().count();
        assertEquals(distinct, result.blobsCopied());
        assertEquals(multiArch.distinctBlobSize(), result.bytes());
        TransferEvent.Overall last = (TransferEvent.Overall) events.getLast();
        assertEquals(last.bytesTotal(), last.bytesDone());
        assertEquals(distinct, last.blobsDone());
        assertEquals(distinct, events.stream().filter(e -> e instanceof TransferEvent.BlobStarted).count());
        assertTrue(events.stream().anyMatch(e -> e instanceof TransferEvent.BlobBytes), "bytes are reported as they stream");

        CopyResult again = copy(new RegistryStore(firstClient, "src/multi"), "1.0", to, Optional.of("1.0"), CopyOptions.defaults(), new ArrayList<>());
        assertEquals(0, again.blobsCopied());
        assertEquals(distinct, again.blobsSkipped(), "a second copy finds every blob there");
        assertEquals(0, again.bytes());
    }

    @Test
    void withinOneRegistryBlobsAreMountedNotUploaded() throws Exception {
        CopyResult result = copy(new RegistryStore(firstClient, "src/single"), "1.0", new RegistryStore(firstClient, "mounted/single"),
                Optional.of("1.0"), CopyOptions.defaults(), new ArrayList<>());

        assertEquals(single.blobs().size(), result.blobsMounted());
        assertEquals(0, result.blobsCopied());
        assertEquals(Digest.parse(single.digest()), new RegistryStore(firstClient, "mounted/single").resolve("1.0").digest());
        String log = Files.readString(first.logFile());
        assertTrue(log.contains("mount=sha256"), "the registry saw mount requests");
        assertFalse(log.lines().anyMatch(l -> l.contains("PUT /v2/mounted/single/blobs/uploads")), "no blob was uploaded");
    }

    @Test
    void registryToLayoutToRegistryKeepsTheDigest(@TempDir Path dir) throws Exception {
        Path layout = dir.resolve("layout");
        try (OciLayout to = OciLayout.open(layout)) {
            copy(new RegistryStore(firstClient, "src/multi"), "1.0", to, Optional.of("v1"), CopyOptions.defaults(), new ArrayList<>());
        }
        CopyResult back;
        try (OciLayout from = OciLayout.open(layout)) {
            back = copy(from, "v1", new RegistryStore(secondClient, "roundtrip/multi"), Optional.of("back"), CopyOptions.defaults(), new ArrayList<>());
        }
        assertEquals(Digest.parse(multiArch.digest()), back.digest());
        assertArrayEquals(multiArch.manifest().bytes(),
                new RegistryStore(secondClient, "roundtrip/multi").manifest(back.digest()).raw().toByteArray());
    }

    @Test
    void aPlatformFilterRewritesTheIndexAndSaysSo(@TempDir Path dir) throws Exception {
        CopyOptions arm = CopyOptions.defaults().withPlatforms(List.of(Platform.parse("linux/arm64")));
        RegistryStore to = new RegistryStore(secondClient, "filtered/multi");
        CopyResult result = copy(new RegistryStore(firstClient, "src/multi"), "1.0", to, Optional.of("arm"), arm, new ArrayList<>());

        assertFalse(result.digestPreserved());
        assertTrue(result.digestChange().orElseThrow().contains("platforms"), result.digestChange().toString());
        ImageIndex written = (ImageIndex) to.manifest(to.resolve("arm").digest());
        assertEquals(List.of("linux/arm64/v8"), written.platformManifests().stream().map(d -> d.platform().orElseThrow().toString()).toList());
        assertEquals(1, written.attestations().size(), "the kept platform's attestation travels with it");
        assertEquals(written.annotations(), ((ImageIndex) new RegistryStore(firstClient, "src/multi").manifest(result.sourceDigest())).annotations());
        Image amd64 = multiArch.child(TestImages.Platform.LINUX_AMD64);
        assertTrue(to.blobSize(Digest.parse(amd64.config().digest())).isEmpty(), "the left-out platform's blobs were not copied");

        CopyResult all = copy(new RegistryStore(firstClient, "src/multi"), "1.0", to, Optional.of("all"),
                CopyOptions.defaults().withPlatforms(List.of(Platform.parse("linux/arm64"), Platform.parse("linux/amd64"))), new ArrayList<>());
        assertTrue(all.digestPreserved(), "choosing every platform changes nothing");

        CopyException none = assertThrows(CopyException.class, () -> copy(new RegistryStore(firstClient, "src/multi"), "1.0", to,
                Optional.of("none"), CopyOptions.defaults().withPlatforms(List.of(Platform.parse("windows/amd64"))), new ArrayList<>()));
        assertTrue(none.getMessage().contains("linux/amd64"), none.getMessage());
    }

    @Test
    void aPlaceForSingleImagesGetsTheImageOfTheOneChosenPlatform(@TempDir Path dir) throws Exception {
        CopyOptions single = CopyOptions.defaults().withSingleImage(true);
        try (OciLayout to = OciLayout.open(dir.resolve("layout"))) {
            CopyException e = assertThrows(CopyException.class, () -> copy(new RegistryStore(firstClient, "src/multi"), "1.0", to,
                    Optional.of("v1"), single, new ArrayList<>()));
            assertTrue(e.getMessage().contains("--platform"), e.getMessage());

            CopyResult result = copy(new RegistryStore(firstClient, "src/multi"), "1.0", to, Optional.of("v1"),
                    single.withPlatforms(List.of(Platform.parse("linux/arm64"))), new ArrayList<>());
            Image arm64 = multiArch.child(TestImages.Platform.LINUX_ARM64);
            assertEquals(Digest.parse(arm64.digest()), result.digest());
            assertEquals(arm64.blobs().size(), result.blobsCopied(), "no attestation blobs");
            assertTrue(result.digestChange().orElseThrow().contains("one chosen platform"), result.digestChange().toString());
            assertEquals(Digest.parse(arm64.digest()), to.resolve("v1").digest());
        }
    }

    @Test
    void aCorruptSourceBlobFailsNamingItAndNothingIsTagged(@TempDir Path dir) throws Exception {
        Path layout = dir.resolve("layout");
        try (OciLayout to = OciLayout.open(layout)) {
            copy(new RegistryStore(firstClient, "src/single"), "1.0", to, Optional.of("v1"), CopyOptions.defaults(), new ArrayList<>());
        }
        Descriptor layer = descriptorOf(single.layers().get(1));
        Path file = layout.resolve("blobs/sha256").resolve(layer.digest().hex());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);

        RegistryStore to = new RegistryStore(secondClient, "corrupt/single");
        try (OciLayout from = OciLayout.open(layout)) {
            CopyException e = assertThrows(CopyException.class,
                    () -> copy(from, "v1", to, Optional.of("v1"), CopyOptions.defaults(), new ArrayList<>()));
            assertTrue(e.getMessage().contains(layer.digest().toString()), e.getMessage());
            assertTrue(e.getMessage().contains("Nothing was tagged"), e.getMessage());
        }
        assertThrows(RegistryException.NotFound.class, () -> to.resolve("v1"));
    }

    @Test
    void aMissingSourceBlobFailsNamingItAndNothingIsTagged(@TempDir Path dir) throws Exception {
        Path layout = dir.resolve("layout");
        try (OciLayout to = OciLayout.open(layout)) {
            copy(new RegistryStore(firstClient, "src/single"), "1.0", to, Optional.of("v1"), CopyOptions.defaults(), new ArrayList<>());
        }
        Descriptor config = descriptorOf(single.config());
        Files.delete(layout.resolve("blobs/sha256").resolve(config.digest().hex()));

        RegistryStore to = new RegistryStore(secondClient, "missing/single");
        try (OciLayout from = OciLayout.open(layout)) {
            CopyException e = assertThrows(CopyException.class,
                    () -> copy(from, "v1", to, Optional.of("v1"), CopyOptions.defaults(), new ArrayList<>()));
            assertTrue(e.getMessage().contains("could not be read from oci:"), e.getMessage());
            assertTrue(e.getMessage().contains(config.digest().toString()), e.getMessage());
        }
        assertThrows(RegistryException.NotFound.class, () -> to.resolve("v1"));
    }

    @Test
    void noMoreBlobsStreamAtOnceThanAsked(@TempDir Path dir) throws Exception {
        int[] active = {0, 0};
        try (OciLayout to = OciLayout.open(dir.resolve("layout"))) {
            new ImageCopier(work).copy(new RegistryStore(firstClient, "src/multi"), "1.0", to, Optional.of("v1"),
                    CopyOptions.defaults().withParallelism(2), CancelSignal.none(), event -> {
                        if (event instanceof TransferEvent.BlobStarted) active[1] = Math.max(active[1], ++active[0]);
                        if (event instanceof TransferEvent.BlobCopied) active[0]--;
                    });
        }
        assertTrue(active[1] >= 1 && active[1] <= 2, "at most 2 at once, saw " + active[1]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"layout", "archive"})
    void cancellingMidCopyLeavesNothingBehind(String kind, @TempDir Path dir) throws Exception {
        CancelSignal cancel = new CancelSignal();
        Path target = dir.resolve("out");
        try (ImageDestination to = kind.equals("layout") ? OciLayout.open(target) : OciArchive.create(target)) {
            assertThrows(CancellationException.class, () -> new ImageCopier(work).copy(new RegistryStore(firstClient.withCancel(cancel), "src/multi"),
                    "1.0", to, Optional.of("v1"), CopyOptions.defaults().withParallelism(1), cancel, event -> {
                        if (event instanceof TransferEvent.BlobBytes) cancel.cancel();
                    }));
        }
        try (var left = Files.list(dir)) {
            assertEquals(List.of(), left.toList(), "neither the " + kind + " nor its temporary files are left");
        }
    }

    @Test
    void referrersTravelWithTheImageOnlyWhenAsked() throws Exception {
        Digest subject = Digest.parse(signed.digest());
        RegistryStore plain = new RegistryStore(secondClient, "plain/signed");
        copy(new RegistryStore(firstClient, "src/signed"), "1.0", plain, Optional.of("1.0"), CopyOptions.defaults(), new ArrayList<>());
        assertEquals(List.of(), secondClient.referrers("plain/signed", subject));

        RegistryStore to = new RegistryStore(secondClient, "with/signed");
        CopyResult result = copy(new RegistryStore(firstClient, "src/signed"), "1.0", to, Optional.of("1.0"),
                CopyOptions.defaults().withReferrers(true), new ArrayList<>());
        assertTrue(result.digestPreserved());
        assertEquals(List.of(Digest.parse(signature.digest())),
                secondClient.referrers("with/signed", subject).stream().map(Descriptor::digest).toList());
        assertArrayEquals(signature.manifest().bytes(), to.manifest(Digest.parse(signature.digest())).raw().toByteArray());
        assertTrue(to.blobSize(Digest.parse(signature.layers().get(0).digest())).isPresent(), "the signature's blob came too");

        CopyException toLayout = assertThrows(CopyException.class, () -> copy(new RegistryStore(firstClient, "src/signed"), "1.0",
                OciLayout.open(work.resolve("never")), Optional.empty(), CopyOptions.defaults().withReferrers(true), new ArrayList<>()));
        assertTrue(toLayout.getMessage().contains("registry to a registry"), toLayout.getMessage());
    }

    @Test
    void aDigestNamesTheImageToCopy() throws Exception {
        RegistryStore to = new RegistryStore(secondClient, "bydigest/single");
        CopyResult result = copy(new RegistryStore(firstClient, "src/single"), single.digest(), to, Optional.empty(),
                CopyOptions.defaults(), new ArrayList<>());
        assertEquals(Digest.parse(single.digest()), result.digest());
        assertEquals(single.config().digest(), ((ImageManifest) to.manifest(result.digest())).config().digest().toString());
    }

    static Descriptor descriptorOf(TestImages.Content content) {
        return Descriptor.of(dev.berth.domain.MediaType.of(content.mediaType()), Digest.parse(content.digest()), content.size());
    }
}
