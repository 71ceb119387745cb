package dev.berth.registry;

import dev.berth.domain.Digest;
import dev.berth.domain.Names;
import dev.berth.domain.Printable;
import dev.berth.domain.RepositoryName;
import dev.berth.domain.Tag;
import dev.berth.domain.TagOrDigest;
import java.util.Optional;

/**
 * Turns a name that arrived as text (from a registry's tag list, a journal, a plan, a command
 * line) into the typed name the {@link RegistryClient} takes, or a {@link RegistryException.Refused}
 * saying why no request is sent for it. An invalid name a registry listed may hold {@code ..},
 * {@code ?} or control characters; refusing it as a registry error, not as a programming error,
 * keeps it one failed item among others.
 */
public final class RequestNames {

    private RequestNames() {}

    /** {@code name} as a repository name, or a refusal (it might be {@code ../../v2/x}). */
    public static RepositoryName repository(String name) throws RegistryException.Refused {
        return RepositoryName.of(checked(name, "repository name", Names.repositoryProblem(name)));
    }

    public static Tag tag(String tag) throws RegistryException.Refused {
        return Tag.of(checked(tag, "tag", Names.tagProblem(tag)));
    }

    /** {@code tagOrDigest} as the digest it spells, else as a tag. */
    public static TagOrDigest reference(String tagOrDigest) throws RegistryException.Refused {
        if (Digest.isDigest(tagOrDigest)) return Digest.parse(tagOrDigest);
        return tag(tagOrDigest);
    }

    static String checked(String name, String what, Optional<String> problem) throws RegistryException.Refused {
        if (problem.isEmpty()) return name;
        throw new RegistryException.Refused("Berth does not send a request for " + Printable.quoted(name) + ": it is not a valid "
                + what + " (" + problem.get() + ").");
    }
}
