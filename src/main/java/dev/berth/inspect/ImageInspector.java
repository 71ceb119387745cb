package dev.berth.inspect;

import dev.berth.registry.RequestNames;
import dev.berth.domain.RepositoryName;
import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.ImageConfig;
import dev.berth.domain.ImageIndex;
import dev.berth.domain.ImageManifest;
import dev.berth.domain.IndexSize;
import dev.berth.domain.Manifest;
import dev.berth.domain.MediaType;
import dev.berth.domain.Schema1Manifest;
import dev.berth.format.ImageConfigParser;
import dev.berth.inspect.ImageDetails.PlatformDetails;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gathers what there is to know about a tag or digest: the manifest, its config (created date,
 * os/arch, history) and, for an index, every child with its own size. Reads a registry repository
 * or any other place images live ({@link SourceContents}), the same way.
 */
public final class ImageInspector {

    private final RegistryClient client;

    public ImageInspector(RegistryClient client) {
        this.client = client;
    }

    public ImageDetails inspect(String repository, String tagOrDigest) throws RegistryException {
        return inspect(new RegistryContents(client, RequestNames.repository(repository)), client.host(), repository, tagOrDigest);
    }

    /**
     * What {@code name} names in {@code source}: a tag, a digest, or (empty) the one image it holds;
     * the details carry {@code source.description()} where a registry's show its host.
     */
    public static ImageDetails inspect(dev.berth.store.ImageSource source, String name) throws IOException {
        return inspect(new SourceContents(source), source.description(), "", name);
    }

    private static <E extends IOException> ImageDetails inspect(Contents<E> contents, String registry, String repository,
            String requested) throws E {
        Top top = contents.top(requested);
        return switch (top.manifest()) {
            case ImageManifest image -> image(contents, registry, repository, requested, top, image);
            case ImageIndex index -> index(contents, registry, repository, requested, top, index);
            case Schema1Manifest legacy -> throw contents.legacy(requested);
        };
    }

    private static <E extends IOException> ImageDetails image(Contents<E> contents, String registry, String repository,
            String requested, Top top, ImageManifest image) throws E {
        Optional<ImageConfig> config = image.isArtifact() ? Optional.empty() : Optional.of(contents.config(image.config()));
        return new ImageDetails(registry, repository, requested, top.digest(), top.mediaType(), image.size(),
                config.flatMap(ImageConfig::created), List.of(), List.of(), image.layers(), config, image, List.of());
    }

    private static <E extends IOException> ImageDetails index(Contents<E> contents, String registry, String repository,
            String requested, Top top, ImageIndex index) throws E {
        Map<Digest, ImageManifest> children = new LinkedHashMap<>();
        for (Descriptor child : index.manifests()) {
            // A child deleted on its own (trap T7) is absent: the index still lists it; IndexSize reports it missing.
            if (contents.child(child.digest()).orElse(null) instanceof ImageManifest m) children.put(child.digest(), m);
        }
        IndexSize sizes = IndexSize.of(index, children);
        List<PlatformDetails> platforms = new ArrayList<>();
        for (IndexSize.PlatformSize platform : sizes.platforms()) {
            ImageManifest child = children.get(platform.digest());
            Optional<Instant> created = child.isArtifact() ? Optional.empty() : contents.config(child.config()).created();
            platforms.add(new PlatformDetails(platform.platform(), platform.digest(), platform.size(), created));
        }
        Optional<Instant> created = Optional.ofNullable(index.annotations().get(ImageIndex.CREATED_ANNOTATION))
                .flatMap(ImageConfigParser::parseInstant)
                .or(() -> platforms.stream().flatMap(p -> p.created().stream()).max(Instant::compareTo));
        return new ImageDetails(registry, repository, requested, top.digest(), top.mediaType(),
                sizes.distinctBlobBytes(), created, platforms, index.attestations(), List.of(), Optional.empty(), index,
                index.manifests().stream().filter(child -> sizes.missingChildren().contains(child.digest())).toList());
    }

    /** The manifest a name leads to, with its digest and media type as the place gave them. */
    record Top(Digest digest, MediaType mediaType, Manifest manifest) {}

    /** Where the inspector reads manifests and configs, failing with {@code E}. */
    interface Contents<E extends IOException> {
        Top top(String tagOrDigest) throws E;

        /** An index's child; empty when the place does not have it. */
        Optional<Manifest> child(Digest digest) throws E;

        ImageConfig config(Descriptor config) throws E;

        /** Why a schema1 manifest cannot be inspected, and what to do. */
        E legacy(String requested);
    }

    /** A registry repository: one GET for the manifest, as the app has always asked. */
    private record RegistryContents(RegistryClient client, RepositoryName repository) implements Contents<RegistryException> {
        @Override
        public Top top(String tagOrDigest) throws RegistryException {
            var response = client.manifest(repository, RequestNames.reference(tagOrDigest));
            return new Top(response.digest(), response.contentType(), response.manifest());
        }

        @Override
        public Optional<Manifest> child(Digest digest) throws RegistryException {
            try {
                return Optional.of(client.manifest(repository, digest).manifest());
            } catch (RegistryException.NotFound gone) {
                return Optional.empty();
            }
        }

        @Override
        public ImageConfig config(Descriptor config) throws RegistryException {
            return client.config(repository, config);
        }

        @Override
        public RegistryException legacy(String requested) {
            return new RegistryException.Unsupported("The registry sent " + repository + ":" + requested + " as a legacy schema1 "
                    + "manifest, which carries no sizes. Re-push the image with a current Docker or Podman to inspect it.", 0, List.of());
        }
    }
}
