package dev.berth.store;

import dev.berth.domain.Plural;
import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.ImageManifest;
import dev.berth.domain.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a classic docker-archive, the format {@code podman load} and {@code docker load} take:
 * {@code manifest.json} (Config, RepoTags, Layers), {@code <config hex>.json},
 * {@code <diff_id hex>/layer.tar} and {@code repositories}. Layers must be uncompressed there, so
 * gzip or zstd layers are decompressed as they arrive, into a staging directory, and each result
 * is checked against the config's {@code rootfs.diff_ids} before the archive is written. Blobs
 * may arrive in parallel; the tar is written in one go on {@link #commit()}, to a temporary file
 * renamed into place.
 */
final class DockerArchiveWriter implements ImageDestination {

    private final Path file;
    private final Path staging;
    /** Every blob received, by the digest it was sent under (a layer's compressed digest). */
    private final Map<Digest, Staged> blobs = new ConcurrentHashMap<>();
    private final List<Image> images = new ArrayList<>();

    /**
     * A blob in the staging directory: for a layer, uncompressed, with the digest of that
     * uncompressed tar; {@code size} is that of the blob as it was sent.
     */
    private record Staged(Path path, Digest contentDigest, long size) {}

    private record Image(ImageManifest manifest, List<String> repoTags) {}

    DockerArchiveWriter(Path file) throws IOException {
        this.file = file;
        Files.createDirectories(file.getParent());
        this.staging = Files.createTempDirectory(file.getParent(), "." + file.getFileName() + BlobFiles.PARTIAL_PREFIX);
    }

    @Override
    public String description() {
        return "docker-archive:" + file;
    }

    @Override
    public OptionalLong blobSize(Digest digest) {
        Staged staged = blobs.get(digest);
        return staged == null ? OptionalLong.empty() : OptionalLong.of(staged.size());
    }

    @Override
    public void putBlob(Descriptor blob, BlobContent content) throws IOException {
        if (blobs.containsKey(blob.digest())) return;
        Compression compression = Compression.ofMediaType(blob.mediaType());
        Path target = staging.resolve(blob.digest().algorithm() + "-" + blob.digest().hex());
        Path partial = Files.createTempFile(staging, BlobFiles.PARTIAL_PREFIX, ".partial");
        try {
            Digest uncompressed;
            try (InputStream raw = BlobFiles.verified(content, blob, "the copy into " + description())) {
                // Not closed here: closing the decompressor would close raw before it is read to its end.
                HashingInputStream in = new HashingInputStream(compression.decompress(raw));
                try (OutputStream out = Files.newOutputStream(partial)) {
                    in.transferTo(out);
                }
                uncompressed = in.digest();
                // The decompressor may stop before the end of the blob (padding, trailing frames): the
                // compressed digest covers every byte, so read them all.
                raw.transferTo(OutputStream.nullOutputStream());
            }
            BlobFiles.moveAtomically(partial, target);
            blobs.put(blob.digest(), new Staged(target, uncompressed, blob.size()));
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    @Override
    public void putManifest(Manifest manifest) throws StoreException {
        throw singlePlatformOnly(manifest);
    }

    @Override
    public synchronized void putImage(Manifest manifest, Optional<String> tag) throws StoreException {
        if (!(manifest instanceof ImageManifest image) || image.isArtifact()) throw singlePlatformOnly(manifest);
        images.add(new Image(image, tag.map(DockerArchiveWriter::repoTag).stream().toList()));
    }

    @Override
    public synchronized void commit() throws IOException {
        List<Map<String, Object>> listing = new ArrayList<>();
        Map<String, Map<String, String>> repositories = new LinkedHashMap<>();
        Set<Digest> written = new LinkedHashSet<>();
        try (TarWriter tar = new TarWriter(file)) {
            for (Image image : images) {
                Staged config = staged(image.manifest().config());
                List<Digest> diffIds = checkedDiffIds(image, config);
                String configName = config.contentDigest().hex() + ".json";
                if (written.add(config.contentDigest())) tar.addFile(configName, config.path());
                List<String> layerNames = new ArrayList<>();
                for (int i = 0; i < diffIds.size(); i++) {
                    String dir = diffIds.get(i).hex();
                    layerNames.add(dir + "/layer.tar");
                    if (written.add(diffIds.get(i))) {
                        tar.addDirectory(dir);
                        tar.addFile(dir + "/layer.tar", staged(image.manifest().layers().get(i)).path());
                    }
                }
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("Config", configName);
                entry.put("RepoTags", image.repoTags());
                entry.put("Layers", layerNames);
                listing.add(entry);
                for (String repoTag : image.repoTags()) {
                    int colon = repoTag.lastIndexOf(':');
                    String top = diffIds.isEmpty() ? config.contentDigest().hex() : diffIds.getLast().hex();
                    repositories.computeIfAbsent(repoTag.substring(0, colon), r -> new LinkedHashMap<>()).put(repoTag.substring(colon + 1), top);
                }
            }
            tar.addBytes(DockerArchive.MANIFEST_JSON, StoreJson.write(listing));
            tar.addBytes(DockerArchive.REPOSITORIES, StoreJson.write(repositories));
            tar.finish();
        }
    }

    @Override
    public void close() throws IOException {
        BlobFiles.deleteTree(staging);
    }

    private Staged staged(Descriptor blob) throws StoreException {
        Staged staged = blobs.get(blob.digest());
        if (staged == null) throw new StoreException.NotFound("The blob " + blob.digest() + " was not written to " + description() + " before its image.");
        return staged;
    }

    /** The uncompressed layers must be exactly what the config says the image is made of. */
    private List<Digest> checkedDiffIds(Image image, Staged config) throws IOException {
        JsonNode root = StoreJson.read(Files.readAllBytes(config.path()), "The image config " + image.manifest().config().digest());
        List<Digest> diffIds = new ArrayList<>();
        root.path("rootfs").path("diff_ids").forEach(id -> diffIds.add(Digest.isDigest(id.asText()) ? Digest.parse(id.asText()) : null));
        List<Descriptor> layers = image.manifest().layers();
        if (diffIds.size() != layers.size()) {
            throw new StoreException.Corrupt("The image " + image.manifest().digest() + " has " + Plural.of(layers.size(), "layer", "layers") + " but its config lists "
                    + diffIds.size() + " diff_ids; it cannot be written as a docker-archive.");
        }
        for (int i = 0; i < layers.size(); i++) {
            Digest actual = staged(layers.get(i)).contentDigest();
            if (!actual.equals(diffIds.get(i))) {
                throw new StoreException.Corrupt("The layer " + layers.get(i).digest() + " uncompresses to " + actual
                        + ", but the image config says it is " + diffIds.get(i) + ": the image is inconsistent or corrupt.");
            }
        }
        return diffIds;
    }

    /** docker load wants {@code name:tag}; a bare name gets {@code latest}, as docker tag would give it. */
    private static String repoTag(String name) {
        int slash = name.lastIndexOf('/');
        return name.indexOf(':', slash + 1) < 0 ? name + ":latest" : name;
    }

    private StoreException.Unsupported singlePlatformOnly(Manifest manifest) {
        return new StoreException.Unsupported("A docker-archive holds single-platform images, and " + manifest.digest() + " is a "
                + manifest.mediaType() + ". Choose one platform (--platform os/arch) or copy to an OCI layout or archive instead.");
    }
}
