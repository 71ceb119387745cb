package dev.berth.domain;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.domain.IndexSize.PlatformSize;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Image and index sizes as the registry protocol brief defines them: compressed, distinct blobs once. */
class SizesTest {

    static Digest digest(String name) {
        return Digest.sha256(name.getBytes(StandardCharsets.UTF_8));
    }

    static Descriptor blob(String name, MediaType type, long size) {
        return Descriptor.of(type, digest(name), size);
    }

    static Descriptor layer(String name, long size) {
        return blob(name, MediaType.OCI_LAYER_GZIP, size);
    }

    /** An image whose raw bytes (and so digest) differ whenever its config or layers differ. */
    static ImageManifest image(Descriptor config, Descriptor... layers) {
        String raw = "{\"config\":\"" + config.digest() + "\",\"layers\":"
                + Arrays.stream(layers).map(l -> "\"" + l.digest() + "\"").toList() + "}";
        return new ImageManifest(MediaType.OCI_MANIFEST, config, List.of(layers), Optional.empty(), Optional.empty(), Map.of(),
                RawBytes.utf8(raw));
    }

    static Descriptor entry(ImageManifest child, String platform) {
        Descriptor entry = child.descriptor();
        return platform == null ? entry : entry.withPlatform(Platform.parse(platform));
    }

    static Descriptor attestationEntry(ImageManifest child, Digest attested) {
        return child.descriptor().withPlatform(Platform.of("unknown", "unknown")).withAnnotations(Map.of(
                Descriptor.REFERENCE_TYPE_ANNOTATION, "attestation-manifest",
                "vnd.docker.reference.digest", attested.toString()));
    }

    static ImageIndex index(Descriptor... entries) {
        return new ImageIndex(MediaType.OCI_INDEX, List.of(entries), Optional.empty(), Optional.empty(), Map.of(),
                RawBytes.utf8("{\"index\":" + entries.length + "}"));
    }

    @ParameterizedTest(name = "config {0} + layers [{1}] = {2}")
    @CsvSource({
            "0,    '',                 0",
            "2,    '',                 2",
            "1469, 3,                  1472",
            "100,  1000;2000;3000,     6100",
            "7023, 29126484;4241;1001, 29138749",
            "1,    5000000000;5000000000, 10000000001"})
    void imageSizeIsConfigPlusLayers(long configSize, String layerSizes, long expected) {
        Descriptor config = blob("config", MediaType.OCI_CONFIG, configSize);
        String[] sizes = layerSizes.isEmpty() ? new String[0] : layerSizes.split(";");
        Descriptor[] layers = IntStream.range(0, sizes.length)
                .mapToObj(i -> layer("layer-" + i, Long.parseLong(sizes[i])))
                .toArray(Descriptor[]::new);
        assertEquals(expected, image(config, layers).size());
    }

    @Test
    void imageSizeCountsEveryLayerEntryButBlobsAreDistinct() {
        Descriptor config = blob("c", MediaType.OCI_CONFIG, 10);
        Descriptor same = layer("same", 100);
        ImageManifest manifest = image(config, same, layer("other", 50), same);
        // As pulled: the manifest lists the layer twice, so its size counts it twice...
        assertEquals(260, manifest.size());
        // ...but it is one blob in the registry.
        assertEquals(3, manifest.blobs().size());
        assertEquals(List.of(config, same, layer("other", 50)), List.copyOf(manifest.blobs()));
    }

    /** Two platforms sharing a base layer, a buildx attestation per platform, one child not fetched. */
    @Test
    void indexSizePerPlatformAndDistinctTotal() {
        Descriptor shared = layer("debian-base", 29_000_000);
        ImageManifest amd64 = image(blob("config-amd64", MediaType.OCI_CONFIG, 1_500), shared, layer("app-amd64", 4_000_000));
        ImageManifest arm64 = image(blob("config-arm64", MediaType.OCI_CONFIG, 1_600), shared, layer("app-arm64", 3_900_000));
        // Attestations share the OCI empty config blob: it must count once.
        Descriptor emptyConfig = blob("{}", MediaType.OCI_EMPTY, 2);
        ImageManifest attAmd64 = image(emptyConfig, blob("provenance-amd64", MediaType.of("application/vnd.in-toto+json"), 12_000));
        ImageManifest attArm64 = image(emptyConfig, blob("provenance-arm64", MediaType.of("application/vnd.in-toto+json"), 11_000));
        ImageManifest s390x = image(blob("config-s390x", MediaType.OCI_CONFIG, 1_700), layer("s390x", 5_000_000));

        ImageIndex index = index(
                entry(amd64, "linux/amd64"),
                entry(arm64, "linux/arm64/v8"),
                entry(s390x, "linux/s390x"),
                attestationEntry(attAmd64, amd64.digest()),
                attestationEntry(attArm64, arm64.digest()));
        Map<Digest, ImageManifest> children = new HashMap<>();
        for (ImageManifest child : List.of(amd64, arm64, attAmd64, attArm64)) children.put(child.digest(), child);

        IndexSize size = IndexSize.of(index, children);

        assertAll(
                () -> assertEquals(List.of(
                        new PlatformSize(Platform.parse("linux/amd64"), amd64.digest(), 1_500 + 29_000_000 + 4_000_000),
                        new PlatformSize(Platform.parse("linux/arm64/v8"), arm64.digest(), 1_600 + 29_000_000 + 3_900_000)),
                        size.platforms(), "attestations are not platforms; the missing child has no size"),
                () -> assertEquals(1_500 + 1_600 + 29_000_000 + 4_000_000 + 3_900_000 + 2 + 12_000 + 11_000,
                        size.distinctBlobBytes(), "shared layer and shared empty config once; attestation blobs count"),
                () -> assertEquals(List.of(s390x.digest()), size.missingChildren()),
                () -> assertEquals(Optional.of(1_600L + 29_000_000 + 3_900_000),
                        size.platform(Platform.parse("linux/arm64/v8")).map(PlatformSize::size)),
                () -> assertEquals(Optional.empty(), size.platform(Platform.parse("linux/arm64")), "variant matters"),
                () -> assertEquals(Optional.empty(), size.platform(Platform.parse("linux/s390x"))));
    }

    @Test
    void indexSizeWithNoChildrenFetchedReportsEveryChildMissing() {
        ImageManifest a = image(blob("ca", MediaType.OCI_CONFIG, 1), layer("la", 10));
        ImageManifest b = image(blob("cb", MediaType.OCI_CONFIG, 1), layer("lb", 10));
        IndexSize size = IndexSize.of(index(entry(a, "linux/amd64"), entry(b, "linux/arm64")), Map.of());
        assertEquals(List.of(), size.platforms());
        assertEquals(0, size.distinctBlobBytes());
        assertEquals(List.of(a.digest(), b.digest()), size.missingChildren());
    }

    @Test
    void identicalPlatformImagesCountOnceInTheTotal() {
        ImageManifest same = image(blob("c", MediaType.OCI_CONFIG, 100), layer("l", 1_000));
        IndexSize size = IndexSize.of(index(entry(same, "linux/amd64"), entry(same, "linux/amd64/v2")),
                Map.of(same.digest(), same));
        assertEquals(2, size.platforms().size());
        assertEquals(1_100, size.platforms().get(1).size());
        assertEquals(1_100, size.distinctBlobBytes());
    }

    @Test
    void entryWithoutPlatformIsReportedAsUnknownPlatformNotDropped() {
        ImageManifest child = image(blob("c", MediaType.OCI_CONFIG, 5), layer("l", 7));
        IndexSize size = IndexSize.of(index(entry(child, null)), Map.of(child.digest(), child));
        assertEquals(List.of(new PlatformSize(Platform.of("unknown", "unknown"), child.digest(), 12)), size.platforms());
        assertEquals(12, size.distinctBlobBytes());
    }

    @Test
    void emptyIndexHasNoSize() {
        IndexSize size = IndexSize.of(index(), Map.of());
        assertEquals(List.of(), size.platforms());
        assertEquals(0, size.distinctBlobBytes());
        assertEquals(List.of(), size.missingChildren());
    }

    @Test
    void platformManifestsAndAttestationsSplitTheEntriesInOrder() {
        ImageManifest amd64 = image(blob("c1", MediaType.OCI_CONFIG, 1));
        ImageManifest arm64 = image(blob("c2", MediaType.OCI_CONFIG, 1));
        ImageManifest att1 = image(blob("c3", MediaType.OCI_EMPTY, 2));
        ImageManifest att2 = image(blob("c4", MediaType.OCI_EMPTY, 2));
        Descriptor eAmd64 = entry(amd64, "linux/amd64");
        Descriptor eArm64 = entry(arm64, "linux/arm64/v8");
        Descriptor eAtt1 = attestationEntry(att1, amd64.digest());
        Descriptor eAtt2 = attestationEntry(att2, arm64.digest());
        ImageIndex index = index(eAmd64, eAtt1, eArm64, eAtt2);

        assertEquals(List.of(eAmd64, eArm64), index.platformManifests());
        assertEquals(List.of(eAtt1, eAtt2), index.attestations());
        assertEquals(List.of(eAmd64, eAtt1, eArm64, eAtt2), index.manifests());
    }

    @ParameterizedTest(name = "platform={0}, annotation={1} -> {2}")
    @CsvSource(nullValues = "-", value = {
            "unknown/unknown, attestation-manifest, true",
            "unknown/unknown, -,                    true",
            "-,               attestation-manifest, true",
            "linux/amd64,     -,                    false",
            "-,               -,                    false",
            "linux/unknown,   -,                    false"})
    void isAttestation(String platform, String referenceType, boolean expected) {
        Descriptor d = Descriptor.of(MediaType.OCI_MANIFEST, digest("x"), 1);
        if (platform != null) d = d.withPlatform(Platform.parse(platform));
        if (referenceType != null) d = d.withAnnotations(Map.of(Descriptor.REFERENCE_TYPE_ANNOTATION, referenceType));
        assertEquals(expected, d.isAttestation());
    }

    @Test
    void manifestDescriptorIsOfItsRawBytes() {
        ImageManifest manifest = image(blob("c", MediaType.OCI_CONFIG, 1));
        Descriptor d = manifest.descriptor();
        assertEquals(MediaType.OCI_MANIFEST, d.mediaType());
        assertEquals(Digest.sha256(manifest.raw().toByteArray()), d.digest());
        assertEquals(manifest.raw().size(), d.size());
        assertEquals(manifest.digest(), d.digest());
    }

    @Test
    void descriptorRejectsNegativeSizeAndCopiesCollections() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Descriptor.of(MediaType.OCI_LAYER_GZIP, digest("x"), -1));
        assertTrue(e.getMessage().contains("negative size -1"), e.getMessage());

        Map<String, String> annotations = new HashMap<>(Map.of("a", "1"));
        Descriptor d = Descriptor.of(MediaType.OCI_LAYER_GZIP, digest("x"), 1).withAnnotations(annotations);
        annotations.put("b", "2");
        assertEquals(Map.of("a", "1"), d.annotations());
        assertThrows(UnsupportedOperationException.class, () -> d.annotations().put("c", "3"));
    }

    @ParameterizedTest(name = "config {0}, artifactType {1} -> artifact {2}")
    @CsvSource(nullValues = "-", value = {
            "application/vnd.oci.image.config.v1+json,        -,                                  false, application/vnd.oci.image.config.v1+json",
            "application/vnd.docker.container.image.v1+json,  -,                                  false, application/vnd.docker.container.image.v1+json",
            "application/vnd.oci.empty.v1+json,               application/vnd.dev.cosign.artifact.sig.v1+json, true, application/vnd.dev.cosign.artifact.sig.v1+json",
            "application/vnd.oci.empty.v1+json,               -,                                  true,  application/vnd.oci.empty.v1+json",
            "application/vnd.cncf.helm.config.v1+json,        -,                                  true,  application/vnd.cncf.helm.config.v1+json",
            "application/vnd.oci.image.config.v1+json,        application/spdx+json,              true,  application/spdx+json"})
    void artifactDetection(String configType, String artifactType, boolean artifact, String effectiveType) {
        ImageManifest manifest = new ImageManifest(MediaType.OCI_MANIFEST, blob("c", MediaType.of(configType), 2), List.of(),
                Optional.empty(), Optional.ofNullable(artifactType), Map.of(), RawBytes.utf8("{}"));
        assertEquals(artifact, manifest.isArtifact());
        assertEquals(effectiveType, manifest.effectiveArtifactType());
    }
}
