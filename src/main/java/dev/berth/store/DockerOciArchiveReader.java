package dev.berth.store;

import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.ImageManifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the docker-archive Docker 25+ writes: an OCI layout inside the tar, plus the classic
 * {@code manifest.json} whose {@code RepoTags} name the images. The manifests are the real ones,
 * so digests are those the image had in its registry.
 */
final class DockerOciArchiveReader extends LayoutTarSource {

    /** Where containerd (and Docker's containerd image store) records an image's full name. */
    static final String CONTAINERD_NAME = "io.containerd.image.name";

    private final ArchiveTags tags;

    DockerOciArchiveReader(Path file, TarFiles files) throws IOException {
        super("docker-archive", file, files);
        this.tags = new ArchiveTags(description());
        List<Descriptor> entries = layout.entries();
        if (files.has(DockerArchive.MANIFEST_JSON)) {
            Map<Digest, Descriptor> byConfig = byConfig(entries);
            byte[] listing = files.readSmall(DockerArchive.MANIFEST_JSON, StoreJson.MAX_LIST_BYTES);
            for (ManifestJson image : ManifestJson.parse(listing, description())) {
                tags.add(image.repoTags(), entryFor(image, byConfig, entries));
            }
        } else {
            for (Descriptor entry : entries) tags.add(names(entry), entry);
        }
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

    /** Single-image entries by their config digest: how a manifest.json image ({@code Config: blobs/sha256/…}) finds its manifest. */
    private Map<Digest, Descriptor> byConfig(List<Descriptor> entries) throws IOException {
        Map<Digest, Descriptor> byConfig = new HashMap<>();
        for (Descriptor entry : entries) {
            if (entry.mediaType().isImageManifest() && layout.manifest(entry.digest()) instanceof ImageManifest image) {
                byConfig.put(image.config().digest(), entry);
            }
        }
        return byConfig;
    }

    private Descriptor entryFor(ManifestJson image, Map<Digest, Descriptor> byConfig, List<Descriptor> entries) throws StoreException {
        Optional<Descriptor> single = configDigest(image.config()).map(byConfig::get);
        if (single.isPresent()) return single.get();
        // A multi-platform image (Docker's containerd store) is an index: match it by name instead.
        for (Descriptor entry : entries) {
            if (names(entry).stream().anyMatch(image.repoTags()::contains)) return entry;
        }
        throw new StoreException.Corrupt("The image " + image.repoTags() + " listed in the manifest.json of " + description()
                + " is not in its index.json.");
    }

    /** {@code blobs/sha256/<hex>} as a digest. */
    private static Optional<Digest> configDigest(String path) {
        String[] parts = path.split("/");
        if (parts.length != 3 || !parts[0].equals("blobs")) return Optional.empty();
        String digest = parts[1] + ":" + parts[2];
        return Digest.isDigest(digest) ? Optional.of(Digest.parse(digest)) : Optional.empty();
    }

    private static List<String> names(Descriptor entry) {
        return Optional.ofNullable(entry.annotations().get(CONTAINERD_NAME))
                .or(() -> Optional.ofNullable(entry.annotations().get(OciLayoutReader.REF_NAME))).stream().toList();
    }
}
