package dev.berth.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * A legacy schema1 manifest. It carries no blob sizes, so Berth recognises and reports it rather
 * than pretending to know its size; the name and tag it claims are kept for display.
 */
public record Schema1Manifest(MediaType mediaType, String name, String tag, RawBytes raw) implements Manifest {

    public Schema1Manifest {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(raw, "raw");
    }

    @Override
    public Optional<Descriptor> subject() {
        return Optional.empty();
    }
}
