package dev.berth.registry;

import dev.berth.domain.Digest;
import dev.berth.domain.ImageManifest;
import dev.berth.domain.MediaType;
import dev.berth.domain.RawBytes;
import dev.berth.domain.RepositoryName;
import dev.berth.domain.Tag;
import dev.berth.format.ManifestParser;
import dev.berth.registry.Capabilities.TagDeletion;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Learns what {@code DELETE /manifests/<tag>} removes on a registry the probe cannot name (trap
 * T5): a registry that answers 404 to a tag delete of a missing tag may remove just the tag
 * (Distribution 3, zot) or the whole manifest with every tag on it (ACR). The probe deletes
 * nothing, so it cannot tell; this check pushes a tiny artifact of its own (an empty config, no
 * layers, a random annotation so its digest is shared with nothing) under two throw-away tags,
 * deletes one tag, and looks whether the manifest and the other tag survived. Then it deletes the
 * artifact by digest. It writes, so it runs only when a person asks for it; it tries the probe's
 * deletes first (of things that exist nowhere), and pushes nothing where they already tell.
 */
public final class TagDeletionCheck {

    static final String TAG_PREFIX = "berth-tag-deletion-check-";
    private static final byte[] EMPTY_CONFIG = "{}".getBytes(StandardCharsets.UTF_8);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a tag delete removes, and what the check saw, in words for the connection's notes. */
    public record Result(TagDeletion effect, String explanation) {
        public Result {
            Objects.requireNonNull(effect, "effect");
            Objects.requireNonNull(explanation, "explanation");
        }
    }

    private final RegistryClient client;

    TagDeletionCheck(RegistryClient client) {
        this.client = client;
    }

    Result run(RepositoryName repository) throws RegistryException {
        // Where the delete probe already tells (deletes off, tag deletes refused, a known registry), nothing is pushed.
        Capabilities probed = client.probeIncludingDeletes(Optional.of(repository.value()));
        if (probed.deletes() == Capabilities.Ability.NO) return new Result(TagDeletion.NOT_SUPPORTED, "Deletes are disabled on this registry.");
        switch (probed.tagDeletion()) {
            case NOT_SUPPORTED -> {
                return new Result(TagDeletion.NOT_SUPPORTED, "The registry refuses to delete a tag on its own: only deleting by digest "
                        + "works here.");
            }
            case REMOVES_TAG_ONLY, REMOVES_MANIFEST -> {
                return new Result(probed.tagDeletion(), "Known for this registry: deleting a tag "
                        + (probed.tagDeletion() == TagDeletion.REMOVES_TAG_ONLY ? "removes only that tag." : "removes the whole image."));
            }
            case ACCEPTED_EFFECT_UNKNOWN, UNKNOWN -> { }
        }
        String nonce = randomHex();
        ImageManifest manifest = artifact(nonce);
        Digest digest = manifest.digest();
        Tag removed = Tag.of(TAG_PREFIX + nonce + "-a");
        Tag survivor = Tag.of(TAG_PREFIX + nonce + "-b");
        client.putBlob(repository, manifest.config(), () -> new ByteArrayInputStream(EMPTY_CONFIG));
        client.putImage(repository, manifest, Optional.of(removed));
        client.putImage(repository, manifest, Optional.of(survivor));
        Result result;
        try {
            result = observe(repository, digest, removed, survivor);
        } finally {
            removeArtifact(repository, digest);
        }
        return result;
    }

    private Result observe(RepositoryName repository, Digest digest, Tag removed, Tag survivor) throws RegistryException {
        DeleteResult deleted;
        try {
            deleted = client.untag(repository, removed);
        } catch (RegistryException.Unsupported e) {
            return new Result(TagDeletion.NOT_SUPPORTED, "A tag delete was refused: only deleting by digest works here.");
        }
        return switch (deleted.status()) {
            case DISABLED -> new Result(TagDeletion.NOT_SUPPORTED, "Deletes are disabled on this registry.");
            case NOT_FOUND -> new Result(TagDeletion.UNKNOWN, "The registry did not find a tag Berth had just pushed; "
                    + "it behaves unlike any registry Berth knows, so untagging is not offered.");
            case DELETED -> {
                boolean manifestStays = client.currentDigest(repository, digest).isPresent();
                boolean otherTagStays = client.currentDigest(repository, survivor).filter(digest::equals).isPresent();
                boolean tagGone = client.currentDigest(repository, removed).isEmpty();
                if (manifestStays && otherTagStays && tagGone) {
                    yield new Result(TagDeletion.REMOVES_TAG_ONLY, "Checked with a test artifact: deleting a tag removes only "
                            + "that tag; the image and its other tags stay. Berth can untag.");
                }
                if (!manifestStays && !otherTagStays) {
                    yield new Result(TagDeletion.REMOVES_MANIFEST, "Checked with a test artifact: deleting a tag removes the "
                            + "whole image and every other tag on it, like deleting by digest. Berth does not untag here.");
                }
                yield new Result(TagDeletion.UNKNOWN, "Checked with a test artifact: after a tag delete the image "
                        + (manifestStays ? "stayed" : "went") + ", its other tag " + (otherTagStays ? "stayed" : "went")
                        + " and the deleted tag " + (tagGone ? "went" : "still resolved"));
            }
        };
    }

    /** Deletes the test artifact by digest; a leftover is named so a person can remove it. */
    private void removeArtifact(RepositoryName repository, Digest digest) throws RegistryException {
        String leftover = "Berth could not delete its test artifact " + repository + "@" + digest
                + " (it holds only an empty config); delete it by hand. ";
        try {
            ManifestResponse response = client.manifest(repository, digest);
            DeletableManifest manifest = response.deletable().orElseThrow(() -> new RegistryException.Refused(leftover
                    + "The registry answered with " + response.contentType() + ", so its digest is not safe to delete."));
            DeleteResult result = client.delete(manifest);
            if (result.status() == DeleteResult.Status.DISABLED) throw new RegistryException.Refused(leftover + result.message());
        } catch (RegistryException.NotFound gone) {
            // A registry whose tag delete removes the manifest has already removed it.
        } catch (RegistryException.Refused e) {
            throw e;
        } catch (RegistryException e) {
            throw new RegistryException.Refused(leftover + e.getMessage());
        }
    }

    private static ImageManifest artifact(String nonce) {
        Digest config = Digest.sha256(EMPTY_CONFIG);
        RawBytes raw = RawBytes.utf8("""
                {"schemaVersion":2,"mediaType":"%s","artifactType":"application/vnd.berth.tag-deletion-check",\
                "config":{"mediaType":"%s","digest":"%s","size":%d},"layers":[],\
                "annotations":{"org.opencontainers.image.description":"Berth checked what a tag delete removes; safe to delete",\
                "dev.berth.nonce":"%s"}}""".formatted(MediaType.OCI_MANIFEST.value(), MediaType.OCI_EMPTY.value(), config,
                EMPTY_CONFIG.length, nonce));
        return (ImageManifest) ManifestParser.parse(raw, Optional.of(MediaType.OCI_MANIFEST));
    }

    private static String randomHex() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
