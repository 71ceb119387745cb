package dev.berth.store;

import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.ImageIndex;
import dev.berth.domain.Manifest;
import dev.berth.domain.MediaType;
import dev.berth.domain.RawBytes;
import dev.berth.format.MalformedContentException;
import dev.berth.format.ManifestParser;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads an OCI image layout ({@code oci-layout}, {@code index.json}, {@code blobs/<alg>/<hex>})
 * from its files, in a directory or a tar. Tags are the {@code org.opencontainers.image.ref.name}
 * annotations of the entries of {@code index.json}.
 */
final class OciLayoutReader {

    static final String REF_NAME = "org.opencontainers.image.ref.name";
    static final String INDEX_JSON = "index.json";
    static final String OCI_LAYOUT = "oci-layout";

    private final LayoutFiles files;
    private final String where;

    OciLayoutReader(LayoutFiles files, String where) {
        this.files = files;
        this.where = where;
    }

    /** The entries of {@code index.json}: the images this layout lists. */
    List<Descriptor> entries() throws IOException {
        if (files.size(OCI_LAYOUT).isEmpty()) {
            throw new StoreException.NotFound(where + " is not an OCI image layout (it has no oci-layout file).");
        }
        byte[] bytes = files.readSmall(INDEX_JSON, StoreJson.MAX_LIST_BYTES);
        try {
            Manifest index = ManifestParser.parse(RawBytes.of(bytes), Optional.of(MediaType.OCI_INDEX));
            if (!(index instanceof ImageIndex i)) throw new StoreException.Corrupt("The index.json of " + where + " is not an index.");
            return i.manifests();
        } catch (MalformedContentException e) {
            throw new StoreException.Corrupt("The index.json of " + where + " is malformed: " + e.getMessage(), e);
        }
    }

    List<String> tags() throws IOException {
        return entries().stream().map(d -> d.annotations().get(REF_NAME)).filter(t -> t != null && !t.isEmpty())
                .distinct().sorted().toList();
    }

    Descriptor resolve(String tag) throws IOException {
        // The last entry wins, as a tag written later replaces an earlier one.
        List<Descriptor> named = entries().stream().filter(d -> tag.equals(d.annotations().get(REF_NAME))).toList();
        if (named.isEmpty()) throw new StoreException.NotFound("There is no image tagged " + tag + " in " + where + ".");
        return named.getLast();
    }

    /** The only image, tagged or not (several tags may name it); see {@link ImageSource#onlyImage()}. */
    Descriptor onlyImage() throws IOException {
        List<Descriptor> entries = entries();
        List<Digest> images = entries.stream().map(Descriptor::digest).distinct().toList();
        if (images.size() == 1) return entries.getLast();
        List<Digest> tagged = entries.stream().filter(d -> !d.annotations().getOrDefault(REF_NAME, "").isEmpty())
                .map(Descriptor::digest).toList();
        long untagged = images.stream().filter(image -> !tagged.contains(image)).count();
        throw StoreException.Ambiguous.of(where, images.size(), tags(), (int) untagged, ", or by digest, as " + where + ":sha256:…");
    }

    Manifest manifest(Digest digest) throws IOException {
        String path = blobPath(digest);
        if (files.size(path).isEmpty()) throw new StoreException.NotFound("There is no manifest " + digest + " in " + where + ".");
        Optional<MediaType> declared = Optional.empty();
        for (Descriptor entry : entries()) {
            if (entry.digest().equals(digest)) declared = Optional.of(entry.mediaType());
        }
        return StoreJson.verifiedManifest(files.readSmall(path, StoreJson.MAX_MANIFEST_BYTES), digest, declared, where);
    }

    OptionalLong blobSize(Digest digest) throws IOException {
        return files.size(blobPath(digest));
    }

    InputStream openBlob(Descriptor blob) throws IOException {
        String path = blobPath(blob.digest());
        if (files.size(path).isEmpty()) throw new StoreException.NotFound("There is no blob " + blob.digest() + " in " + where + ".");
        return new VerifyingInputStream(files.open(path), blob, where);
    }

    static String blobPath(Digest digest) {
        return "blobs/" + digest.algorithm() + "/" + digest.hex();
    }
}
