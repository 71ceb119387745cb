package dev.berth.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.ImageIndex;
import dev.berth.domain.ImageManifest;
import dev.berth.domain.Manifest;
import dev.berth.domain.MediaType;
import dev.berth.domain.RawBytes;
import dev.berth.format.ManifestParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One repository of a folder: an OCI image layout, read and changed the way a registry changes a
 * repository. Blobs and manifests are written to a temporary name and renamed (as {@link OciLayout}
 * does); {@code index.json} is rewritten whole and renamed over the old one, so a reader sees the
 * old or the new list, never half of one. Every change of {@code index.json} runs under the
 * repository's lock ({@link FolderRegistry} hands out one per layout), so concurrent pushes and
 * deletes do not lose each other's entries.
 *
 * <p>What {@code index.json} lists is what the repository holds: a tag is an entry named by
 * {@code org.opencontainers.image.ref.name}, a manifest pushed by digest (an untagged image, a
 * signature) is an unnamed entry, and an index's platform manifests are reached through it.
 * Anything in {@code blobs/} that no listed manifest reaches is garbage: {@link #collectGarbage}
 * deletes it.
 */
final class LayoutRepository {

    private static final byte[] LAYOUT_FILE = "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8);

    /** The trash's folder name in a layout: a dot name, which no repository name can be and no layout reader looks into. */
    static final String TRASH = ".berth-trash";

    private final Path dir;

    LayoutRepository(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    boolean exists() {
        return FolderLayouts.isLayout(dir);
    }

    /** Creates an empty layout (for a push to a new repository); nothing happens if there is one. */
    void create() throws IOException {
        if (exists()) return;
        Files.createDirectories(dir.resolve("blobs").resolve("sha256"));
        BlobFiles.writeAtomically(dir.resolve(OciLayoutReader.INDEX_JSON), StoreJson.write(emptyIndex()));
        BlobFiles.writeAtomically(dir.resolve(OciLayoutReader.OCI_LAYOUT), LAYOUT_FILE);
    }

    // Reading

    List<String> tags() throws IOException {
        return entries().stream().map(LayoutRepository::refName).filter(n -> !n.isEmpty()).distinct().sorted().toList();
    }

    /** The digest {@code reference} (a tag or a digest) names here, if the repository holds it. */
    Optional<Digest> resolve(String reference) throws IOException {
        if (Digest.isDigest(reference)) {
            Digest digest = Digest.parse(reference);
            return reachableManifests().contains(digest) ? Optional.of(digest) : Optional.empty();
        }
        Optional<Digest> found = Optional.empty();
        for (JsonNode entry : entries()) {
            if (reference.equals(refName(entry))) found = Optional.of(Digest.parse(entry.path("digest").asText()));
        }
        return found;
    }

    /** A manifest's bytes and media type, read from {@code blobs/}. */
    Manifest manifest(Digest digest) throws IOException {
        byte[] bytes = readSmall(digest);
        Optional<MediaType> declared = Optional.empty();
        for (JsonNode entry : entries()) {
            if (entry.path("digest").asText().equals(digest.toString())) declared = Optional.of(MediaType.of(entry.path("mediaType").asText()));
        }
        return StoreJson.verifiedManifest(bytes, digest, declared, where());
    }

    Path blob(Digest digest) {
        return BlobFiles.blobPath(dir, digest);
    }

    boolean hasBlob(Digest digest) {
        return Files.isRegularFile(blob(digest));
    }

    /** Where {@link #collectGarbage} puts what it collects: in the layout, outside {@code blobs/}, so undo can bring it back. */
    Path trash() {
        return dir.resolve(TRASH);
    }

    private Path trashed(Digest digest) {
        return trash().resolve(digest.algorithm()).resolve(digest.hex());
    }

    /**
     * As {@link #hasBlob}, first moving the blob back from the trash if a cleanup collected it: a
     * registry asked for a blob it still has somewhere answers with it (undo checks every blob,
     * then puts the manifests back). Call under the layout's lock.
     */
    boolean hasBlobOrRestore(Digest digest) throws IOException {
        if (hasBlob(digest)) return true;
        Path trashed = trashed(digest);
        if (!Files.isRegularFile(trashed)) return false;
        Files.createDirectories(blob(digest).getParent());
        BlobFiles.moveAtomically(trashed, blob(digest));
        return true;
    }

    /** Deletes what the trash holds for good; returns the bytes freed. */
    long emptyTrash() throws IOException {
        if (!Files.isDirectory(trash())) return 0;
        long freed = 0;
        List<Path> files;
        try (Stream<Path> walk = Files.walk(trash())) {
            files = walk.sorted(java.util.Comparator.reverseOrder()).toList();
        }
        for (Path file : files) {
            if (Files.isRegularFile(file)) freed += Files.size(file);
            Files.deleteIfExists(file);
        }
        return freed;
    }

    /** The listed manifests (and, in indexes, their children) whose subject is {@code subject}. */
    List<Descriptor> referrers(Digest subject) throws IOException {
        List<Descriptor> found = new ArrayList<>();
        for (Digest digest : reachableManifests()) {
            Manifest manifest = manifest(digest);
            if (manifest.subject().filter(s -> s.digest().equals(subject)).isEmpty()) continue;
            Optional<String> artifactType = switch (manifest) {
                case ImageManifest image -> image.artifactType().or(() -> Optional.of(image.config().mediaType().value()));
                case ImageIndex index -> index.artifactType();
                default -> Optional.empty();
            };
            Map<String, String> annotations = switch (manifest) {
                case ImageManifest image -> image.annotations();
                case ImageIndex index -> index.annotations();
                default -> Map.of();
            };
            found.add(new Descriptor(manifest.mediaType(), digest, manifest.raw().size(), Optional.empty(), annotations, List.of(),
                    artifactType));
        }
        return found;
    }

    // Changing

    /**
     * Stores a manifest under a tag or its digest. Like a registry, refuses one whose blobs or
     * child manifests are not here. A tag moves to the new manifest; an unnamed entry for the same
     * digest, or for a manifest the new one now reaches (an index's children), is dropped.
     */
    Digest putManifest(String reference, Manifest manifest) throws IOException, Refusal {
        for (Descriptor needed : needs(manifest)) {
            if (!hasBlobOrRestore(needed.digest())) {
                String code = needed.mediaType().isManifest() ? "MANIFEST_UNKNOWN" : "MANIFEST_BLOB_UNKNOWN";
                throw new Refusal(400, code, "the manifest refers to " + needed.digest() + ", which is not in this repository");
            }
        }
        Digest digest = manifest.digest();
        if (Digest.isDigest(reference) && !Digest.parse(reference).equals(digest)) {
            throw new Refusal(400, "DIGEST_INVALID", "the manifest's bytes hash to " + digest + ", not " + reference);
        }
        Path file = blob(digest);
        if (!Files.isRegularFile(file)) BlobFiles.writeAtomically(file, manifest.raw().toByteArray());
        Set<Digest> reached = new HashSet<>();
        for (Descriptor child : children(manifest)) reached.add(child.digest());
        Optional<String> tag = Digest.isDigest(reference) ? Optional.empty() : Optional.of(reference);
        ArrayNode kept = StoreJson.MAPPER.createArrayNode();
        boolean listed = false;
        for (JsonNode entry : entries()) {
            String name = refName(entry);
            Digest entryDigest = Digest.parse(entry.path("digest").asText());
            if (tag.isPresent() && name.equals(tag.get())) continue;
            if (name.isEmpty() && (reached.contains(entryDigest) || (tag.isPresent() && entryDigest.equals(digest)))) continue;
            if (entryDigest.equals(digest)) listed = true;
            kept.add(entry);
        }
        if (tag.isPresent() || (!listed && !reachableManifests().contains(digest))) {
            Descriptor entry = manifest.descriptor();
            kept.add(StoreJson.descriptorNode(tag.map(t -> entry.withAnnotations(Map.of(OciLayoutReader.REF_NAME, t))).orElse(entry)));
        }
        writeEntries(kept);
        return digest;
    }

    /** Removes every entry of {@code digest}: all its tags go with it, as on a registry (T4). False if none listed it. */
    boolean deleteManifest(Digest digest) throws IOException {
        List<JsonNode> entries = entries();
        ArrayNode kept = StoreJson.MAPPER.createArrayNode();
        entries.stream().filter(e -> !e.path("digest").asText().equals(digest.toString())).forEach(kept::add);
        if (kept.size() == entries.size()) return false;
        writeEntries(kept);
        return true;
    }

    /** Whether {@code digest} is only reached through an index (a platform manifest), not listed itself. */
    boolean isOnlyAChild(Digest digest) throws IOException {
        boolean listed = entries().stream().anyMatch(e -> e.path("digest").asText().equals(digest.toString()));
        return !listed && reachableManifests().contains(digest);
    }

    /**
     * Removes one tag; the image stays, listed unnamed when no other tag names it, as a registry
     * that deletes tags keeps the manifest. False if there is no such tag.
     */
    boolean untag(String tag) throws IOException {
        List<JsonNode> entries = entries();
        ArrayNode kept = StoreJson.MAPPER.createArrayNode();
        JsonNode removed = null;
        for (JsonNode entry : entries) {
            if (tag.equals(refName(entry))) removed = entry;
            else kept.add(entry);
        }
        if (removed == null) return false;
        String digest = removed.path("digest").asText();
        boolean stillListed = false;
        for (JsonNode entry : kept) stillListed |= entry.path("digest").asText().equals(digest);
        if (!stillListed) {
            ObjectNode unnamed = ((ObjectNode) removed).deepCopy();
            if (unnamed.get("annotations") instanceof ObjectNode annotations) {
                annotations.remove(OciLayoutReader.REF_NAME);
                if (annotations.isEmpty()) unnamed.remove("annotations");
            }
            kept.add(unnamed);
        }
        writeEntries(kept);
        return true;
    }

    /**
     * Deletes every blob no listed manifest reaches, except {@code keep} (blobs of pushes still
     * under way). Returns the bytes freed.
     */
    long collectGarbage(Set<Digest> keep) throws IOException {
        Set<Digest> reachable = new HashSet<>(keep);
        for (Digest manifest : reachableManifests()) {
            reachable.add(manifest);
            if (manifest(manifest) instanceof ImageManifest image) image.blobs().forEach(b -> reachable.add(b.digest()));
        }
        long freed = 0;
        Path blobs = dir.resolve("blobs");
        if (!Files.isDirectory(blobs)) return 0;
        List<Path> files;
        try (Stream<Path> walk = Files.walk(blobs, 2)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            String algorithm = file.getParent().getFileName().toString();
            String hex = file.getFileName().toString();
            if (hex.startsWith(".")) continue; // a write in progress
            Digest digest;
            try {
                digest = new Digest(algorithm, hex);
            } catch (IllegalArgumentException notABlob) {
                continue;
            }
            if (reachable.contains(digest)) continue;
            long size = Files.size(file);
            // Into the trash, not deleted: undo can bring the image back until the trash is emptied.
            Path trashed = trashed(digest);
            Files.createDirectories(trashed.getParent());
            BlobFiles.moveAtomically(file, trashed);
            freed += size;
        }
        return freed;
    }

    // index.json

    private List<JsonNode> entries() throws IOException {
        JsonNode index = index();
        List<JsonNode> entries = new ArrayList<>();
        index.path("manifests").forEach(entries::add);
        return entries;
    }

    private ObjectNode index() throws IOException {
        Path file = dir.resolve(OciLayoutReader.INDEX_JSON);
        if (!Files.isRegularFile(file)) return emptyIndex();
        JsonNode read = StoreJson.read(Files.readAllBytes(file), "The index.json of " + where());
        if (!(read instanceof ObjectNode object)) throw new StoreException.Corrupt("The index.json of " + where() + " is not an object.");
        return object;
    }

    private void writeEntries(ArrayNode entries) throws IOException {
        ObjectNode index = index();
        index.set("manifests", entries);
        BlobFiles.writeAtomically(dir.resolve(OciLayoutReader.INDEX_JSON), StoreJson.write(index));
    }

    private static ObjectNode emptyIndex() {
        ObjectNode index = StoreJson.MAPPER.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaType.OCI_INDEX.value());
        index.putArray("manifests");
        return index;
    }

    /** Every manifest reached from index.json: the listed ones and, through indexes, their children. */
    private Set<Digest> reachableManifests() throws IOException {
        Set<Digest> seen = new HashSet<>();
        Deque<Digest> todo = new ArrayDeque<>();
        for (JsonNode entry : entries()) todo.add(Digest.parse(entry.path("digest").asText()));
        while (!todo.isEmpty()) {
            Digest digest = todo.pop();
            if (!seen.add(digest) || !hasBlob(digest)) continue;
            for (Descriptor child : children(manifest(digest))) todo.add(child.digest());
        }
        seen.removeIf(d -> !hasBlob(d));
        return seen;
    }

    private static List<Descriptor> children(Manifest manifest) {
        return manifest instanceof ImageIndex index ? index.manifests() : List.of();
    }

    private static List<Descriptor> needs(Manifest manifest) {
        return switch (manifest) {
            case ImageManifest image -> List.copyOf(image.blobs());
            case ImageIndex index -> index.manifests();
            default -> List.of();
        };
    }

    private byte[] readSmall(Digest digest) throws IOException {
        Path file = blob(digest);
        if (!Files.isRegularFile(file)) throw new StoreException.NotFound("There is no manifest " + digest + " in " + where() + ".");
        if (Files.size(file) > StoreJson.MAX_MANIFEST_BYTES) {
            throw new StoreException.Corrupt(digest + " in " + where() + " is too large to be a manifest.");
        }
        return Files.readAllBytes(file);
    }

    static Manifest parse(byte[] bytes, Optional<MediaType> contentType) throws Refusal {
        try {
            return ManifestParser.parse(RawBytes.of(bytes), contentType);
        } catch (IllegalArgumentException e) { // MalformedContentException is one
            throw new Refusal(400, "MANIFEST_INVALID", "the manifest is malformed: " + e.getMessage());
        }
    }

    private static String refName(JsonNode entry) {
        return entry.path("annotations").path(OciLayoutReader.REF_NAME).asText("");
    }

    private String where() {
        return "the OCI layout " + dir;
    }

    /** A request this repository turns down, with the OCI error code a registry would send. */
    static final class Refusal extends Exception {
        final int status;
        final String code;

        Refusal(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }
}
