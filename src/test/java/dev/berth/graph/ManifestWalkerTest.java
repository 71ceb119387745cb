package dev.berth.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.Manifest;
import dev.berth.domain.MediaType;
import dev.berth.domain.RawBytes;
import dev.berth.format.ManifestParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The walk on a small in-memory graph: two platforms sharing a base layer, a signature, and a signature of the signature. */
class ManifestWalkerTest {

    private final Map<Digest, Manifest> stored = new HashMap<>();
    private final List<Digest> fetched = new ArrayList<>();
    private final Map<Digest, List<Descriptor>> referrers = new HashMap<>();

    private final Descriptor base = blob("base layer");
    private final Descriptor amd64Config = blob("amd64 config");
    private final Descriptor arm64Config = blob("arm64 config");
    private final Descriptor amd64Layer = blob("amd64 layer");
    private final Manifest amd64 = store(image(amd64Config, base, amd64Layer));
    private final Manifest arm64 = store(image(arm64Config, base));
    private final Manifest index = store(index(amd64, "amd64", arm64, "arm64"));
    private final Descriptor signatureBlob = blob("signature");
    private final Manifest signature = store(image(blob("{}"), signatureBlob));
    private final Manifest countersignature = store(image(blob("{} "), blob("countersignature")));

    private final ManifestWalker<IOException> walker = new ManifestWalker<>(digest -> {
        fetched.add(digest);
        return Optional.ofNullable(stored.get(digest));
    });

    @Test
    void anIndexLeadsToItsChildrenAndTheirDistinctBlobsEachFetchedOnce() throws IOException {
        ManifestGraph graph = walker.walk(index, ManifestWalker.Children.all());

        assertEquals(List.of(index.digest(), amd64.digest(), arm64.digest()), List.copyOf(graph.manifests().keySet()));
        assertEquals(List.of(amd64.digest(), arm64.digest()), fetched, "the root is given, each child fetched once");
        assertEquals(List.of(amd64Config, base, amd64Layer, arm64Config).stream().map(Descriptor::digest).toList(),
                List.copyOf(graph.blobs().keySet()), "the shared base layer once, in the order first seen");
        assertEquals(2, graph.keptChildren(index.digest()).size());
        assertFalse(graph.filtered());
    }

    @Test
    void entriesTheFilterDropsAreNeitherFetchedNorCounted() throws IOException {
        ManifestGraph graph = walker.walk(index, i -> i.manifests().subList(1, 2));

        assertEquals(List.of(arm64.digest()), fetched);
        assertTrue(graph.filtered());
        assertFalse(graph.blobs().containsKey(amd64Layer.digest()));
    }

    @Test
    void referrersAreFollowedAsFarAsAskedSubjectsFirst() throws IOException {
        referrers.put(amd64.digest(), List.of(signature.descriptor()));
        referrers.put(signature.digest(), List.of(countersignature.descriptor()));

        ManifestGraph all = walker.walk(index, ManifestWalker.Children.all());
        walker.addReferrers(all, subject -> referrers.getOrDefault(subject, List.of()), Integer.MAX_VALUE);
        assertEquals(List.of(amd64.digest(), signature.digest()), List.copyOf(all.referrers().keySet()));
        assertTrue(all.manifests().containsKey(countersignature.digest()));
        assertTrue(all.blobs().containsKey(signatureBlob.digest()), "a referrer's blobs travel with it");

        ManifestGraph oneLevel = walker.walk(index, ManifestWalker.Children.all());
        walker.addReferrers(oneLevel, subject -> referrers.getOrDefault(subject, List.of()), 1);
        assertTrue(oneLevel.manifests().containsKey(signature.digest()));
        assertFalse(oneLevel.manifests().containsKey(countersignature.digest()));
    }

    @Test
    void referrersOfSubjectsThatAreNotFetched() throws IOException {
        referrers.put(amd64.digest(), List.of(signature.descriptor(), index.descriptor()));

        ManifestGraph graph = walker.referrersOf(List.of(amd64.digest()), s -> referrers.getOrDefault(s, List.of()), 1,
                ManifestWalker.Children.none());

        assertEquals(List.of(signature.digest(), index.digest()), fetched, "not the subject, not the index's children");
        assertEquals(List.of(signature.digest(), index.digest()), List.copyOf(graph.manifests().keySet()));
    }

    @Test
    void whatTheFetchDoesNotGiveIsLeftOutAndTheWalkGoesOn() throws IOException {
        stored.remove(amd64.digest());

        ManifestGraph graph = walker.walk(index, ManifestWalker.Children.all());

        assertEquals(java.util.Set.of(amd64.digest()), graph.leftOut());
        assertTrue(graph.manifests().containsKey(arm64.digest()));
    }

    @Test
    void theVisitorMayRefuseAManifest() {
        ManifestWalker<IOException> refusing = new ManifestWalker<>(d -> Optional.ofNullable(stored.get(d)), m -> {
            if (m.digest().equals(arm64.digest())) throw new IOException("not this one");
        });

        assertEquals("not this one", assertThrows(IOException.class,
                () -> refusing.walk(index, ManifestWalker.Children.all())).getMessage());
    }

    private Manifest store(Manifest manifest) {
        stored.put(manifest.digest(), manifest);
        return manifest;
    }

    private static Descriptor blob(String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return Descriptor.of(MediaType.OCI_LAYER_GZIP, Digest.sha256(bytes), bytes.length);
    }

    private static Manifest image(Descriptor config, Descriptor... layers) {
        String layerJson = java.util.Arrays.stream(layers).map(ManifestWalkerTest::json).collect(Collectors.joining(","));
        return parse("""
                {"schemaVersion":2,"mediaType":"%s","config":{"mediaType":"%s","digest":"%s","size":%d},"layers":[%s]}"""
                .formatted(MediaType.OCI_MANIFEST.value(), MediaType.OCI_CONFIG.value(), config.digest(), config.size(), layerJson),
                MediaType.OCI_MANIFEST);
    }

    private static Manifest index(Manifest first, String firstArch, Manifest second, String secondArch) {
        return parse("""
                {"schemaVersion":2,"mediaType":"%s","manifests":[%s,%s]}""".formatted(MediaType.OCI_INDEX.value(),
                platformJson(first, firstArch), platformJson(second, secondArch)), MediaType.OCI_INDEX);
    }

    private static String json(Descriptor d) {
        return """
                {"mediaType":"%s","digest":"%s","size":%d}""".formatted(d.mediaType().value(), d.digest(), d.size());
    }

    private static String platformJson(Manifest m, String arch) {
        return """
                {"mediaType":"%s","digest":"%s","size":%d,"platform":{"os":"linux","architecture":"%s"}}"""
                .formatted(m.mediaType().value(), m.digest(), m.raw().size(), arch);
    }

    private static Manifest parse(String json, MediaType type) {
        return ManifestParser.parse(RawBytes.utf8(json), Optional.of(type));
    }
}
