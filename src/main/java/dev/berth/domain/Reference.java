package dev.berth.domain;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image reference parsed by Docker's rules: {@code [registry/]repository[:tag][@digest]}.
 *
 * <p>The first path segment is a registry only if it is {@code localhost} or contains {@code .}
 * or {@code :} (or upper case); otherwise the image is on Docker Hub ({@code docker.io}), where
 * one-segment names live under {@code library/}. Without tag and digest the tag is {@code latest}.
 * The text the user typed is kept for display.
 */
public record Reference(String registry, String repository, Optional<String> tag, Optional<Digest> digest, String original) {

    public static final String DOCKER_HUB = "docker.io";
    /** Where Docker Hub's registry API actually answers. */
    public static final String DOCKER_HUB_API_HOST = "registry-1.docker.io";
    public static final String DEFAULT_TAG = "latest";

    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final Pattern HOST = Pattern.compile(
            "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]{1,5})?");

    public Reference {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(original, "original");
        validateRegistry(registry);
        validateRepository(repository);
        tag.ifPresent(Reference::validateTag);
    }

    /** Parses a reference as {@code docker pull} would. */
    public static Reference parse(String text) {
        Objects.requireNonNull(text, "reference");
        String input = text.strip();
        if (input.isEmpty()) throw invalid(text, "it is empty");

        Optional<Digest> digest = Optional.empty();
        String rest = input;
        int at = rest.indexOf('@');
        if (at >= 0) {
            try {
                digest = Optional.of(Digest.parse(rest.substring(at + 1)));
            } catch (IllegalArgumentException e) {
                throw invalid(text, e.getMessage());
            }
            rest = rest.substring(0, at);
        }

        Optional<String> tag = Optional.empty();
        int lastSlash = rest.lastIndexOf('/');
        int colon = rest.lastIndexOf(':');
        if (colon > lastSlash) {
            tag = Optional.of(rest.substring(colon + 1));
            rest = rest.substring(0, colon);
        }

        String registry = DOCKER_HUB;
        String repository = rest;
        int slash = rest.indexOf('/');
        if (slash >= 0 && looksLikeRegistry(rest.substring(0, slash))) {
            registry = rest.substring(0, slash);
            repository = rest.substring(slash + 1);
        }
        if (registry.equals("index.docker.io")) registry = DOCKER_HUB;
        // Checked before "library/" is prepended, which would hide that no name was given at all.
        if (repository.isEmpty()) throw invalid(text, "the repository name is empty");
        if (registry.equals(DOCKER_HUB) && !repository.contains("/")) repository = "library/" + repository;
        if (tag.isEmpty() && digest.isEmpty()) tag = Optional.of(DEFAULT_TAG);

        try {
            return new Reference(registry, repository, tag, digest, text);
        } catch (IllegalArgumentException e) {
            throw invalid(text, e.getMessage());
        }
    }

    /** A reference to {@code repository} on {@code registry} without tag or digest, for display. */
    public static Reference ofRepository(String registry, String repository) {
        return new Reference(registry, repository, Optional.empty(), Optional.empty(), registry + "/" + repository);
    }

    /** The host[:port] to send API requests to ({@code registry-1.docker.io} for Docker Hub). */
    public String apiHost() {
        return isDockerHub() ? DOCKER_HUB_API_HOST : registry;
    }

    public boolean isDockerHub() {
        return registry.equals(DOCKER_HUB);
    }

    /** The repository as the typed name a registry client takes (valid: the constructor checked it). */
    public RepositoryName repositoryName() {
        return RepositoryName.of(repository);
    }

    /** {@link #manifestReference()} typed: the digest when known, else the tag (or {@code latest}). */
    public TagOrDigest manifestTarget() {
        if (digest.isPresent()) return digest.get();
        return Tag.of(tag.orElse(DEFAULT_TAG));
    }

    /** What goes after {@code /manifests/}: the digest when known (it is exact), else the tag. */
    public String manifestReference() {
        return digest.map(Digest::toString).orElseGet(() -> tag.orElse(DEFAULT_TAG));
    }

    public Reference withTag(String newTag) {
        return derived(Optional.of(newTag), Optional.empty());
    }

    public Reference withDigest(Digest newDigest) {
        return derived(tag, Optional.of(newDigest));
    }

    private Reference derived(Optional<String> newTag, Optional<Digest> newDigest) {
        return new Reference(registry, repository, newTag, newDigest, format(registry + "/" + repository, newTag, newDigest));
    }

    /** {@code registry/repository[:tag][@digest]}, fully qualified. */
    public String canonical() {
        return format(registry + "/" + repository, tag, digest);
    }

    /** What {@code docker pull} accepts: short for Docker Hub ({@code nginx:1.27}), full elsewhere. */
    public String familiar() {
        // Only a two-segment library/x shortens to x: library/a/b must stay, as a/b is another repository.
        String official = repository.startsWith("library/") ? repository.substring("library/".length()) : null;
        String name = isDockerHub()
                ? (official != null && !official.contains("/") ? official : repository)
                : registry + "/" + repository;
        return format(name, tag, digest);
    }

    private static String format(String name, Optional<String> tag, Optional<Digest> digest) {
        return name + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
    }

    @Override
    public String toString() {
        return canonical();
    }

    /** Two references are equal when they name the same thing, however they were typed. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Reference r && registry.equals(r.registry) && repository.equals(r.repository)
                && tag.equals(r.tag) && digest.equals(r.digest);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(registry, repository, tag, digest);
    }

    private static boolean looksLikeRegistry(String segment) {
        return segment.contains(".") || segment.contains(":") || segment.equals("localhost")
                || !segment.equals(segment.toLowerCase(Locale.ROOT));
    }

    private static void validateRegistry(String registry) {
        if (!HOST.matcher(registry).matches()) {
            throw new IllegalArgumentException("'" + registry + "' is not a valid registry host[:port]");
        }
        int colon = registry.lastIndexOf(':');
        if (colon > registry.lastIndexOf(']')) {
            int port = Integer.parseInt(registry.substring(colon + 1));
            if (port < 1 || port > 65535) throw new IllegalArgumentException("port " + port + " is out of range");
        }
    }

    private static void validateRepository(String repository) {
        Names.requireRepository(repository);
    }

    private static void validateTag(String tag) {
        Names.requireTag(tag);
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("invalid image reference '" + text + "': " + why);
    }

    /** True when {@code name} is a valid repository name (no registry, no tag). */
    public static boolean isValidRepository(String name) {
        return Names.isValidRepository(name);
    }
}
