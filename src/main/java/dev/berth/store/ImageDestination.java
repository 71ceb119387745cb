package dev.berth.store;

import dev.berth.domain.Descriptor;
import dev.berth.domain.Manifest;
import java.io.IOException;
import java.util.Optional;

/**
 * A place images are written to. The order is that of a registry push: blobs, then the manifests
 * that refer to them (children before their index), then {@link #putImage}, then
 * {@link #commit()}. Blobs may be written from several threads at once; manifests and the
 * commit come from one.
 */
public interface ImageDestination extends ImageStore {

    /**
     * Stores a blob read from {@code content}, verifying its digest and size as it streams (or
     * relying on content that {@linkplain BlobContent#verifiesItself verifies itself}); a mismatch
     * fails and leaves nothing. {@code content} may be opened again if a write has to
     * restart (a registry upload after a broken connection).
     */
    void putBlob(Descriptor blob, BlobContent content) throws IOException;

    /** Stores a manifest that a parent refers to (an index's child, a referrer), by digest only. */
    void putManifest(Manifest manifest) throws IOException;

    /**
     * Stores the top manifest of an image and names it {@code tag}; without a tag it is stored by
     * digest (an OCI layout still lists it, unnamed). Its blobs and children must be there already.
     */
    void putImage(Manifest manifest, Optional<String> tag) throws IOException;

    /**
     * Makes what was written visible at once: a layout's {@code index.json} is replaced
     * atomically, a new layout or archive is renamed into place. Until then a cancelled copy
     * leaves no partial image behind.
     */
    void commit() throws IOException;

    /** Opens a blob's content from its start; may be called again when a write restarts. */
    @FunctionalInterface
    interface BlobContent {
        java.io.InputStream open() throws IOException;

        /**
         * Whether the stream checks itself: it fails at its end, instead of ending, if its bytes do not
         * match the descriptor (as {@link ImageSource#openBlob} does). A destination then stores it
         * without hashing every byte a second time.
         */
        default boolean verifiesItself() {
            return false;
        }

        /** Content opened from an {@link ImageSource}, or wrapped around one, so that it verifies itself. */
        static BlobContent fromSource(BlobContent opener) {
            return new BlobContent() {
                @Override
                public java.io.InputStream open() throws IOException {
                    return opener.open();
                }

                @Override
                public boolean verifiesItself() {
                    return true;
                }
            };
        }
    }
}
