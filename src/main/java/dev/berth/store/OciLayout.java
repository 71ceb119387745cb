package dev.berth.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An OCI image layout directory, read and written in place. An existing layout is only ever added
 * to: blobs first (each verified, then renamed into {@code blobs/}), {@code index.json} last,
 * replaced atomically. A new layout is written under a temporary name beside the target and
 * renamed to it on {@link #commit()}, so a cancelled copy leaves no partial layout.
 */
public final class OciLayout implements ImageSource, ImageDestination {

    private static final byte[] LAYOUT_FILE = "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private final Path target;
    private final boolean existing;
    private final List<Descriptor> added = new ArrayList<>();
    private Path work;
    private boolean committed;

    private OciLayout(Path target, boolean existing) {
        this.target = target;
        this.existing = existing;
        this.work = existing ? target : null;
    }

    /** The layout at {@code dir}, which may not exist yet (writing creates it). */
    public static OciLayout open(Path dir) {
        Path target = dir.toAbsolutePath().normalize();
        return new OciLayout(target, Files.isRegularFile(target.resolve(OciLayoutReader.OCI_LAYOUT)));
    }

    @Override
    public String description() {
        return "oci:" + target;
    }

    // Reading: what is there plus, for a new layout, what was written so far.

    private OciLayoutReader reader() throws StoreException {
        if (work == null) throw new StoreException.NotFound("There is no OCI image layout at " + target + ".");
        return new OciLayoutReader(new DirectoryFiles(work), description());
    }

    @Override
    public List<String> tags() throws IOException {
        return reader().tags();
    }

    @Override
    public Descriptor resolve(String tag) throws IOException {
        return reader().resolve(tag);
    }

    @Override
    public Descriptor onlyImage() throws IOException {
        return reader().onlyImage();
    }

    @Override
    public Manifest manifest(Digest digest) throws IOException {
        return reader().manifest(digest);
    }

    @Override
    public OptionalLong blobSize(Digest digest) throws IOException {
        return work == null ? OptionalLong.empty() : reader().blobSize(digest);
    }

    @Override
    public InputStream openBlob(Descriptor blob) throws IOException {
        return reader().openBlob(blob);
    }

    // Writing

    @Override
    public void putBlob(Descriptor blob, BlobContent content) throws IOException {
        Path file = BlobFiles.blobPath(workDir(), blob.digest());
        if (Files.isRegularFile(file) && Files.size(file) == blob.size()) return;
        BlobFiles.writeVerified(content, blob, file, description());
    }

    @Override
    public void putManifest(Manifest manifest) throws IOException {
        Path file = BlobFiles.blobPath(workDir(), manifest.digest());
        if (!Files.isRegularFile(file)) BlobFiles.writeAtomically(file, manifest.raw().toByteArray());
    }

    @Override
    public synchronized void putImage(Manifest manifest, Optional<String> tag) throws IOException {
        putManifest(manifest);
        Descriptor entry = manifest.descriptor();
        added.add(tag.map(t -> entry.withAnnotations(Map.of(OciLayoutReader.REF_NAME, t))).orElse(entry));
    }

    @Override
    public synchronized void commit() throws IOException {
        Path dir = workDir();
        if (!existing) BlobFiles.writeAtomically(dir.resolve(OciLayoutReader.OCI_LAYOUT), LAYOUT_FILE);
        BlobFiles.writeAtomically(dir.resolve(OciLayoutReader.INDEX_JSON), StoreJson.write(updatedIndex(dir)));
        if (!existing) moveIntoPlace(dir);
        committed = true;
    }

    @Override
    public synchronized void close() throws IOException {
        if (!existing && !committed && work != null) BlobFiles.deleteTree(work);
    }

    /** Where writes go: the layout itself, or for a new one a temporary directory beside it. */
    private synchronized Path workDir() throws IOException {
        if (committed) throw new IllegalStateException(description() + " was already committed");
        if (work == null) {
            if (Files.exists(target) && !isEmptyDirectory(target)) {
                throw new StoreException.Unsupported(target + " exists and is not an OCI image layout: choose a new or empty directory.");
            }
            Files.createDirectories(target.getParent());
            work = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + BlobFiles.PARTIAL_PREFIX);
        }
        return work;
    }

    private ObjectNode updatedIndex(Path dir) throws IOException {
        Path indexFile = dir.resolve(OciLayoutReader.INDEX_JSON);
        ObjectNode index;
        if (Files.isRegularFile(indexFile)) {
            JsonNode read = StoreJson.read(Files.readAllBytes(indexFile), "The index.json of " + description());
            if (!(read instanceof ObjectNode object)) throw new StoreException.Corrupt("The index.json of " + description() + " is not an object.");
            index = object;
        } else {
            index = StoreJson.MAPPER.createObjectNode();
            index.put("schemaVersion", 2);
            index.put("mediaType", dev.berth.domain.MediaType.OCI_INDEX.value());
        }
        JsonNode old = index.path("manifests");
        ArrayNode manifests = StoreJson.MAPPER.createArrayNode();
        for (JsonNode entry : old) {
            String name = entry.path("annotations").path(OciLayoutReader.REF_NAME).asText("");
            boolean replaced = added.stream().anyMatch(d -> isReplacedBy(name, entry.path("digest").asText(), d));
            if (!replaced) manifests.add(entry);
        }
        for (Descriptor d : added) manifests.add(StoreJson.descriptorNode(d));
        index.set("manifests", manifests);
        return index;
    }

    /** A tag moves to the new image; an unnamed entry is replaced by the same digest written again. */
    private static boolean isReplacedBy(String name, String digest, Descriptor added) {
        String addedName = added.annotations().getOrDefault(OciLayoutReader.REF_NAME, "");
        return addedName.isEmpty() ? name.isEmpty() && digest.equals(added.digest().toString()) : addedName.equals(name);
    }

    private void moveIntoPlace(Path dir) throws IOException {
        if (Files.exists(target)) {
            try {
                Files.delete(target); // an empty directory, checked when writing began
            } catch (DirectoryNotEmptyException e) {
                throw new StoreException.Unsupported(target + " was filled by something else while the layout was written; "
                        + "the new layout is left at " + dir + ".");
            }
        }
        Files.move(dir, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        work = target;
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return false;
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
