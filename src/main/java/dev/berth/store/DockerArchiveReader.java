package dev.berth.store;

import dev.berth.domain.Plural;
import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.Manifest;
import dev.berth.domain.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads a classic docker-archive. Such an archive has no manifests, so each image gets a Docker v2
 * manifest made from its config and layers: the layers are uncompressed tars
 * ({@link DockerArchive#DOCKER_LAYER_TAR}) whose digests are the config's {@code rootfs.diff_ids}.
 */
final class DockerArchiveReader implements ImageSource {

    private final Path file;
    private final TarFiles files;
    private final ArchiveTags tags;
    private final Map<Digest, Manifest> manifests = new HashMap<>();
    private final Map<Digest, String> blobPaths = new HashMap<>();

    DockerArchiveReader(Path file, TarFiles files) throws IOException {
        this.file = file;
        this.files = files;
        this.tags = new ArchiveTags(description());
        byte[] listing = files.readSmall(DockerArchive.MANIFEST_JSON, StoreJson.MAX_LIST_BYTES);
        for (ManifestJson image : ManifestJson.parse(listing, description())) {
            Manifest manifest = synthesise(image);
            manifests.put(manifest.digest(), manifest);
            tags.add(image.repoTags(), manifest.descriptor());
        }
    }

    @Override
    public String description() {
        return "docker-archive:" + file;
    }

    @Override
    public List<String> tags() {
        return tags.names();
    }

    @Override
    public Descriptor resolve(String tag) throws StoreException {
        return tags.resolve(tag);
    }

    @Override
    public Descriptor onlyImage() throws StoreException {
        return tags.onlyImage();
    }

    @Override
    public Manifest manifest(Digest digest) throws StoreException {
        Manifest manifest = manifests.get(digest);
        if (manifest == null) throw new StoreException.NotFound("There is no manifest " + digest + " in " + description() + ".");
        return manifest;
    }

    @Override
    public OptionalLong blobSize(Digest digest) throws IOException {
        String path = blobPaths.get(digest);
        return path == null ? OptionalLong.empty() : files.size(path);
    }

    @Override
    public InputStream openBlob(Descriptor blob) throws IOException {
        String path = blobPaths.get(blob.digest());
        if (path == null) throw new StoreException.NotFound("There is no blob " + blob.digest() + " in " + description() + ".");
        return new VerifyingInputStream(files.open(path), blob, description());
    }

    @Override
    public void close() throws IOException {
        files.close();
    }

    private Manifest synthesise(ManifestJson image) throws IOException {
        byte[] config = files.readSmall(image.config(), StoreJson.MAX_CONFIG_BYTES);
        Descriptor configDescriptor = StoreJson.descriptor(MediaType.DOCKER_CONFIG, config);
        blobPaths.put(configDescriptor.digest(), image.config());
        List<String> diffIds = diffIds(config, image.config());
        if (diffIds.size() != image.layers().size()) {
            throw new StoreException.Corrupt("The image " + image.repoTags() + " in " + description() + " lists "
                    + Plural.of(image.layers().size(), "layer", "layers") + " but its config has " + diffIds.size() + " diff_ids.");
        }
        List<Descriptor> layers = new ArrayList<>();
        for (int i = 0; i < diffIds.size(); i++) {
            String path = image.layers().get(i);
            long size = files.size(path).orElseThrow(() -> new StoreException.Corrupt(description() + " lacks the layer " + path + "."));
            Descriptor layer = layer(path, size, diffIds.get(i));
            blobPaths.put(layer.digest(), path);
            layers.add(layer);
        }
        return StoreJson.parsedManifest(dockerManifest(configDescriptor, layers), Optional.of(MediaType.DOCKER_MANIFEST), description());
    }

    /** An uncompressed layer is named by its diff_id; one stored compressed (rare, but allowed) is hashed. */
    private Descriptor layer(String path, long size, String diffId) throws IOException {
        byte[] head;
        try (InputStream in = files.open(path)) {
            head = in.readNBytes(4);
        }
        Compression compression = Compression.detect(head);
        if (compression == Compression.NONE) {
            return Descriptor.of(DockerArchive.DOCKER_LAYER_TAR, parseDigest(diffId), size);
        }
        Digest digest;
        try (InputStream in = files.open(path)) {
            digest = BlobFiles.sha256(in);
        }
        return Descriptor.of(compression.layerType(MediaType.DOCKER_MANIFEST), digest, size);
    }

    private Digest parseDigest(String text) throws StoreException {
        try {
            return Digest.parse(text);
        } catch (IllegalArgumentException e) {
            throw new StoreException.Corrupt("An image config in " + description() + " has an invalid diff_id: " + e.getMessage());
        }
    }

    private List<String> diffIds(byte[] config, String path) throws StoreException {
        JsonNode root = StoreJson.read(config, "The image config " + path + " of " + description());
        List<String> ids = new ArrayList<>();
        root.path("rootfs").path("diff_ids").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    /** The manifest as containers/image marshals one: compact, fields in Go struct order. */
    static byte[] dockerManifest(Descriptor config, List<Descriptor> layers) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MediaType.DOCKER_MANIFEST.value());
        manifest.put("config", goDescriptor(config));
        manifest.put("layers", layers.stream().map(DockerArchiveReader::goDescriptor).toList());
        return StoreJson.write(manifest);
    }

    private static Map<String, Object> goDescriptor(Descriptor d) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("mediaType", d.mediaType().value());
        node.put("size", d.size());
        node.put("digest", d.digest().toString());
        return node;
    }
}
