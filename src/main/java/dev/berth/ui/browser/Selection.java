package dev.berth.ui.browser;

import java.util.Objects;

/**
 * What the browser has selected: nothing, a registry, a repository, a tag, or the local engine's
 * images or one of them. Sealed, so every
 * place that acts on the selection (the main pane, the breadcrumb, Refresh, Back/Forward) says
 * what it does for each case, and a new case cannot be forgotten.
 */
public sealed interface Selection {

    /** Nothing selected (at the start, or after the selected connection was removed). */
    Selection NONE = new None();

    static Selection of(RegistryNode registry) {
        return new OfRegistry(registry);
    }

    static Selection of(RepositoryNode repository) {
        return new OfRepository(repository);
    }

    static OfTag of(RepositoryNode repository, String tag) {
        return new OfTag(repository, tag);
    }

    static Selection of(LocalImagesNode images) {
        return new OfLocalImages(images);
    }

    static Selection of(LocalImagesNode images, LocalImagesNode.Entry image) {
        return new OfLocalImage(images, image);
    }

    record None() implements Selection {}

    record OfRegistry(RegistryNode registry) implements Selection {
        public OfRegistry {
            Objects.requireNonNull(registry, "registry");
        }
    }

    record OfRepository(RepositoryNode repository) implements Selection {
        public OfRepository {
            Objects.requireNonNull(repository, "repository");
        }
    }

    /** A tag chosen in the tree, the table or by a pasted reference; {@code tag} may also be a digest. */
    record OfTag(RepositoryNode repository, String tag) implements Selection {
        public OfTag {
            Objects.requireNonNull(repository, "repository");
            Objects.requireNonNull(tag, "tag");
        }
    }

    /** The "Local images" node: the local engine's images. */
    record OfLocalImages(LocalImagesNode images) implements Selection {
        public OfLocalImages {
            Objects.requireNonNull(images, "images");
        }
    }

    /** One local image under one of its names. */
    record OfLocalImage(LocalImagesNode images, LocalImagesNode.Entry image) implements Selection {
        public OfLocalImage {
            Objects.requireNonNull(images, "images");
            Objects.requireNonNull(image, "image");
        }
    }
}
