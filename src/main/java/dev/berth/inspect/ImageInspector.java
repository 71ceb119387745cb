package dev.berth.inspect;

import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.ImageConfig;
import dev.berth.domain.ImageIndex;
import dev.berth.domain.ImageManifest;
import dev.berth.domain.IndexSize;
import dev.berth.domain.Schema1Manifest;
import dev.berth.format.ImageConfigParser;
import dev.berth.inspect.ImageDetails.PlatformDetails;
import dev.berth.registry.ManifestResponse;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gathers what there is to know about a tag or digest: the manifest, its config (created date,
 * os/arch, history) and, for an index, every child with its own size.
 */
public final class ImageInspector {

    private final RegistryClient client;

    public ImageInspector(RegistryClient client) {
        this.client = client;
    }

    public ImageDetails inspect(String repository, String tagOrDigest) throws RegistryException {
        ManifestResponse response = client.manifest(repository, tagOrDigest);
        return switch (response.manifest()) {
            case ImageManifest image -> image(repository, tagOrDigest, response, image);
            case ImageIndex index -> index(repository, tagOrDigest, response, index);
            case Schema1Manifest legacy -> throw new RegistryException.Unsupported("The registry sent " + repository + ":"
                    + tagOrDigest + " as a legacy schema1 manifest, which carries no sizes. Re-push the image with a "
                    + "current Docker or Podman to inspect it.", 0, List.of());
        };
    }

    private ImageDetails image(String repository, String requested, ManifestResponse response, ImageManifest image)
            throws RegistryException {
        Optional<ImageConfig> config = image.isArtifact() ? Optional.empty() : Optional.of(client.config(repository, image.config()));
        return new ImageDetails(client.host(), repository, requested, response.digest(), response.contentType(), image.size(),
                config.flatMap(ImageConfig::created), List.of(), List.of(), image.layers(), config, image, List.of());
    }

    private ImageDetails index(String repository, String requested, ManifestResponse response, ImageIndex index)
            throws RegistryException {
        Map<Digest, ImageManifest> children = new LinkedHashMap<>();
        for (Descriptor child : index.manifests()) {
            try {
                if (client.manifest(repository, child.digest().toString()).manifest() instanceof ImageManifest m) {
                    children.put(child.digest(), m);
                }
            } catch (RegistryException.NotFound gone) {
                // A child deleted on its own (trap T7): the index still lists it; IndexSize reports it missing.
            }
        }
        IndexSize sizes = IndexSize.of(index, children);
        List<PlatformDetails> platforms = new ArrayList<>();
        for (IndexSize.PlatformSize platform : sizes.platforms()) {
            ImageManifest child = children.get(platform.digest());
            Optional<Instant> created = child.isArtifact() ? Optional.empty()
                    : client.config(repository, child.config()).created();
            platforms.add(new PlatformDetails(platform.platform(), platform.digest(), platform.size(), created));
        }
        Optional<Instant> created = Optional.ofNullable(index.annotations().get(ImageIndex.CREATED_ANNOTATION))
                .flatMap(ImageConfigParser::parseInstant)
                .or(() -> platforms.stream().flatMap(p -> p.created().stream()).max(Instant::compareTo));
        return new ImageDetails(client.host(), repository, requested, response.digest(), response.contentType(),
                sizes.distinctBlobBytes(), created, platforms, index.attestations(), List.of(), Optional.empty(), index,
                index.manifests().stream().filter(child -> sizes.missingChildren().contains(child.digest())).toList());
    }
}
