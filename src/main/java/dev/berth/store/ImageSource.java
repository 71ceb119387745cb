package dev.berth.store;

import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** A place images are read from. */
public interface ImageSource extends ImageStore {

    /** The tags (names) this place holds, sorted; for a docker-archive they are {@code name:tag}. */
    List<String> tags() throws IOException;

    /** The manifest a tag names now; {@link StoreException.NotFound} (or the registry's) if there is none. */
    Descriptor resolve(String tag) throws IOException;

    /**
     * The one image this place holds, tagged or not: what a name without a tag means. When it holds
     * several or none, {@link StoreException.Ambiguous} (or {@link StoreException.NotFound}) lists the
     * tags there and how to choose.
     */
    default Descriptor onlyImage() throws IOException {
        List<String> tags = tags();
        if (tags.size() == 1) return resolve(tags.getFirst());
        throw StoreException.Ambiguous.of(description(), tags.size(), tags, 0, "");
    }

    /**
     * The manifest stored under {@code digest}, with its bytes exactly as stored (trap T14: the digest
     * of {@link Manifest#raw()} is {@code digest}; nothing is re-serialised).
     */
    Manifest manifest(Digest digest) throws IOException;

    /**
     * A stream over the blob's content, {@code blob.size()} bytes long. It hashes as it is read and
     * fails at the end, instead of returning data, if the content does not match the descriptor.
     * The caller closes it.
     */
    InputStream openBlob(Descriptor blob) throws IOException;
}
