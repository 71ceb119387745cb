package dev.berth.registry;

import java.util.Objects;
import java.util.Optional;

/**
 * What a registry allows, as found by {@link RegistryClient#probe}: shown as badges on a
 * connection and used to decide which actions Berth offers.
 */
public record Capabilities(
        AuthScheme auth,
        Ability catalog,
        Ability deletes,
        TagDeletion tagDeletion,
        Ability referrersApi,
        Optional<String> sampleRepository,
        String notes) {

    public enum AuthScheme { NONE, BASIC, BEARER }

    /** YES and NO are known; UNKNOWN means the probe could not tell (no repository, no permission). */
    public enum Ability { YES, NO, UNKNOWN }

    /** What {@code DELETE /manifests/<tag>} does on this registry (trap T5). */
    public enum TagDeletion {
        /** Refused (Distribution 2.8: 400; Harbor: UNSUPPORTED). */
        NOT_SUPPORTED,
        /** Removes only the tag (Distribution 3, Quay, zot). */
        REMOVES_TAG_ONLY,
        /** Removes the manifest and every tag on it (ACR). */
        REMOVES_MANIFEST,
        /** Accepted, but what it removes is not known for this registry. */
        ACCEPTED_EFFECT_UNKNOWN,
        UNKNOWN
    }

    public Capabilities withDeletes(Ability found) {
        return new Capabilities(auth, catalog, found, tagDeletion, referrersApi, sampleRepository, notes);
    }

    public Capabilities withTagDeletion(TagDeletion effect) {
        return new Capabilities(auth, catalog, deletes, effect, referrersApi, sampleRepository, notes);
    }

    /**
     * This probe, keeping what earlier ones found out by trying: a read-only probe leaves deletes
     * unknown and must not forget what a delete probe learned, and a probe sees only that tag deletes
     * are accepted and must not forget what a {@link TagDeletionCheck} found out by trying.
     */
    public Capabilities keepingEarlierFindings(Capabilities earlier) {
        Capabilities kept = deletes == Ability.UNKNOWN
                ? new Capabilities(auth, catalog, earlier.deletes, earlier.tagDeletion, referrersApi, sampleRepository, notes) : this;
        boolean checked = earlier.tagDeletion == TagDeletion.REMOVES_TAG_ONLY || earlier.tagDeletion == TagDeletion.REMOVES_MANIFEST;
        return kept.tagDeletion == TagDeletion.ACCEPTED_EFFECT_UNKNOWN && checked ? kept.withTagDeletion(earlier.tagDeletion) : kept;
    }

    public Capabilities {
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(deletes, "deletes");
        Objects.requireNonNull(tagDeletion, "tagDeletion");
        Objects.requireNonNull(referrersApi, "referrersApi");
        Objects.requireNonNull(sampleRepository, "sampleRepository");
        Objects.requireNonNull(notes, "notes");
    }
}
