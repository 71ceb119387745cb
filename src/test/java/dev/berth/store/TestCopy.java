package dev.berth.store;

import dev.berth.domain.Descriptor;
import dev.berth.domain.ImageIndex;
import dev.berth.domain.ImageManifest;
import dev.berth.domain.Manifest;
import java.io.IOException;
import java.util.Optional;

/**
 * The smallest copy between two places, as the transfer engine will do it (without parallelism,
 * progress or skipping rules): blobs, then children, then the image. Only for the store tests.
 */
final class TestCopy {

    private TestCopy() {}

    static Manifest copy(ImageSource from, String tag, ImageDestination to, Optional<String> newTag) throws IOException {
        Descriptor top = from.resolve(tag);
        Manifest manifest = from.manifest(top.digest());
        copyContent(from, manifest, to);
        to.putImage(manifest, newTag);
        to.commit();
        return manifest;
    }

    private static void copyContent(ImageSource from, Manifest manifest, ImageDestination to) throws IOException {
        switch (manifest) {
            case ImageIndex index -> {
                for (Descriptor child : index.manifests()) {
                    Manifest childManifest = from.manifest(child.digest());
                    copyContent(from, childManifest, to);
                    to.putManifest(childManifest);
                }
            }
            case ImageManifest image -> {
                for (Descriptor blob : image.blobs()) {
                    if (to.blobSize(blob.digest()).isEmpty()) to.putBlob(blob, () -> from.openBlob(blob));
                }
            }
            default -> throw new IllegalArgumentException("cannot copy " + manifest.mediaType());
        }
    }
}
