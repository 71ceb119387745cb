package dev.berth.store;

import dev.berth.domain.Digest;
import java.io.Closeable;
import java.io.IOException;
import java.util.OptionalLong;

/**
 * A place images live: a registry repository, an OCI layout, an archive. A place is read through
 * {@link ImageSource} and written through {@link ImageDestination}; places that can be both (a
 * registry, an OCI layout directory) implement both, archives one or the other.
 *
 * <p>Calls block. Failures are {@link IOException}s whose messages are meant for people:
 * {@link StoreException} for the file places, {@code RegistryException} for a registry. Blob
 * content is streamed and hashed as it passes, so memory use never depends on blob size; the
 * transfer engine counts bytes and checks for cancellation by wrapping those streams in a
 * {@link TransferStream}.
 */
public interface ImageStore extends Closeable {

    /** How a person would name this place, e.g. {@code oci:/tmp/out} or {@code docker://host/repo}. */
    String description();

    /** The size of the blob if this place has it, empty if not (so a copy can skip it). */
    OptionalLong blobSize(Digest digest) throws IOException;

    /**
     * Releases files and connections. A destination closed without {@link ImageDestination#commit()}
     * is discarded: nothing of it stays behind except blobs already added to an existing layout.
     */
    @Override
    void close() throws IOException;
}
