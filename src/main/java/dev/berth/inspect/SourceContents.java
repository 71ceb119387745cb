package dev.berth.inspect;

import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.ImageConfig;
import dev.berth.domain.Manifest;
import dev.berth.domain.RawBytes;
import dev.berth.format.ImageConfigParser;
import dev.berth.format.MalformedContentException;
import dev.berth.registry.RegistryException;
import dev.berth.store.ImageSource;
import dev.berth.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** What the inspector reads from an OCI layout, an archive or any other {@link ImageSource}. */
record SourceContents(ImageSource source) implements ImageInspector.Contents<IOException> {

    /** As much of a config as the registry client reads into memory. */
    private static final int MAX_CONFIG_BYTES = 16 * 1024 * 1024;

    @Override
    public ImageInspector.Top top(String name) throws IOException {
        Descriptor top = Digest.isDigest(name) ? source.manifest(Digest.parse(name)).descriptor()
                : name.isEmpty() ? source.onlyImage() : source.resolve(name);
        Manifest manifest = source.manifest(top.digest());
        return new ImageInspector.Top(manifest.digest(), manifest.mediaType(), manifest);
    }

    @Override
    public Optional<Manifest> child(Digest digest) throws IOException {
        try {
            return Optional.of(source.manifest(digest));
        } catch (StoreException.NotFound | RegistryException.NotFound gone) { // a registry's own exception, for a RegistryStore
            return Optional.empty();
        }
    }

    @Override
    public ImageConfig config(Descriptor config) throws IOException {
        if (config.size() > MAX_CONFIG_BYTES) {
            throw new IOException("The image config " + config.digest() + " in " + source.description() + " is " + config.size()
                    + " bytes, more than the " + MAX_CONFIG_BYTES + " Berth reads.");
        }
        byte[] bytes;
        try (InputStream in = source.openBlob(config)) {
            bytes = in.readAllBytes(); // to its end: that is where the stream checks the digest
        }
        try {
            return ImageConfigParser.parse(RawBytes.of(bytes));
        } catch (MalformedContentException e) {
            throw new IOException("The image config " + config.digest() + " in " + source.description() + " is malformed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public IOException legacy(String requested) {
        return new IOException(source.description() + (requested.isEmpty() ? "" : ":" + requested) + " is a legacy schema1 "
                + "manifest, which carries no sizes. Copy the image again with a current tool to inspect it.");
    }
}
