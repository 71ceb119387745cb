package dev.berth.cleanup;

import dev.berth.registry.RequestNames;
import dev.berth.domain.Tag;
import dev.berth.domain.RepositoryName;
import dev.berth.domain.Digest;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryException;
import java.util.Optional;

/**
 * Asks the registry about one tag in the three ways a delete relies on, right before it: is the tag
 * in the tag list, which digest does HEAD report (Docker-Content-Digest), and what do the bytes a GET
 * sends hash to. Deleting by digest removes every tag on it, and the journal keeps those tags so
 * undo can put them back; a registry whose answers disagree could make Berth delete a tag no one
 * chose or journal an image without its tags. So Berth deletes nothing unless all three agree.
 */
public final class TagAgreement {

    private static final String NOTHING_DELETED = "; Berth deletes nothing when a registry contradicts itself. Try again; "
            + "if it persists, the registry's storage may be inconsistent — check it.";

    private TagAgreement() {}

    /** {@code what} the registry contradicted itself about, with what Berth does and what to do about it. */
    public static String contradiction(String what) {
        return what + NOTHING_DELETED;
    }

    /** What the answers say. */
    public sealed interface Verdict {
        /** Listed, and HEAD and GET both name the expected digest. */
        record Agrees() implements Verdict {}

        /** The answers agree with each other but not with what was expected: the tag was pushed or removed meanwhile ({@code what} says which, ending in a verb). */
        record Changed(String what) implements Verdict {}

        /** The registry contradicts itself; {@code message} says how and what to do. */
        record Contradicts(String message) implements Verdict {}
    }

    /** Asks HEAD and GET about {@code tag} and judges them with the listing against {@code expected}. */
    public static Verdict check(RegistryClient client, String repository, String tag, boolean listed, Digest expected)
            throws RegistryException {
        RepositoryName name = RequestNames.repository(repository);
        Tag typed = RequestNames.tag(tag);
        return judge(repository, tag, listed, client.currentDigest(name, typed), fetched(client, name, typed), expected);
    }

    /** As {@link #check}, when the GET of {@code tag} was already made and its bytes hash to {@code got}. */
    public static Verdict checkAfterGet(RegistryClient client, String repository, String tag, boolean listed, Digest got)
            throws RegistryException {
        return judge(repository, tag, listed, client.currentDigest(RequestNames.repository(repository), RequestNames.tag(tag)),
                Optional.of(got), got);
    }

    static Verdict judge(String repository, String tag, boolean listed, Optional<Digest> head, Optional<Digest> get, Digest expected) {
        String name = repository + ":" + tag;
        if (!head.equals(get)) {
            return new Verdict.Contradicts("The registry gave two different answers for " + name + " (GET " + show(get) + ", HEAD "
                    + show(head) + ")" + NOTHING_DELETED);
        }
        if (get.isEmpty()) {
            // Listed without a manifest is a dangling tag, what a delete cut short leaves on Distribution: the image is
            // gone already, so there is nothing left to delete under this tag (a rerun after a crash meets exactly this).
            return new Verdict.Changed(listed ? "the image of tag " + tag + " was deleted (the tag is still listed)"
                    : "tag " + tag + " was removed");
        }
        if (!listed) {
            return new Verdict.Contradicts("The registry's tag list for " + repository + " leaves out " + tag + ", though " + name
                    + " resolves to " + get.get() + NOTHING_DELETED);
        }
        return get.get().equals(expected) ? new Verdict.Agrees() : new Verdict.Changed("tag " + tag + " now points at " + get.get().shortHex() + ", pushed");
    }

    private static Optional<Digest> fetched(RegistryClient client, RepositoryName repository, Tag tag) throws RegistryException {
        try {
            return Optional.of(client.manifest(repository, tag).digest());
        } catch (RegistryException.NotFound gone) {
            return Optional.empty();
        }
    }

    private static String show(Optional<Digest> digest) {
        return digest.map(Digest::toString).orElse("not found");
    }
}
