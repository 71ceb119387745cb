package dev.berth.registry;

import dev.berth.domain.Digest;
import dev.berth.domain.Names;
import dev.berth.registry.http.RegistryHttp;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * Every request path that names a repository or tag, built only from names that pass the
 * distribution grammar ({@link Names}). A name a registry sent in a catalog or tag list may hold
 * {@code ..}, {@code ?} or control characters; refusing where paths are built, rather than where
 * names are listed, means no caller can forget the check.
 */
final class ApiPaths {

    private ApiPaths() {}

    static HttpUrl.Builder catalog(RegistryHttp http) {
        return http.v2("_catalog");
    }

    static HttpUrl.Builder tagList(RegistryHttp http, String repository) throws RegistryException.Refused {
        return http.v2(repository(repository) + "/tags/list");
    }

    /** {@code tagOrDigest} is a tag or a digest, the two things a manifest is addressed by. */
    static HttpUrl.Builder manifest(RegistryHttp http, String repository, String tagOrDigest) throws RegistryException.Refused {
        return http.v2(repository(repository) + "/manifests/" + reference(tagOrDigest));
    }

    static HttpUrl.Builder blob(RegistryHttp http, String repository, Digest digest) throws RegistryException.Refused {
        return http.v2(repository(repository) + "/blobs/" + digest);
    }

    static HttpUrl.Builder uploads(RegistryHttp http, String repository) throws RegistryException.Refused {
        return http.v2(repository(repository) + "/blobs/uploads/");
    }

    static HttpUrl.Builder referrers(RegistryHttp http, String repository, Digest subject) throws RegistryException.Refused {
        return http.v2(repository(repository) + "/referrers/" + subject);
    }

    /** {@code name}, or a refusal when it is not a repository name (it might be {@code ../../v2/x}). */
    static String repository(String name) throws RegistryException.Refused {
        return RequestNames.checked(name, "repository name", Names.repositoryProblem(name));
    }

    private static String reference(String tagOrDigest) throws RegistryException.Refused {
        if (Digest.isDigest(tagOrDigest)) return tagOrDigest;
        return RequestNames.checked(tagOrDigest, "tag", Names.tagProblem(tagOrDigest));
    }
}
