package dev.berth.registry;

import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.ImageIndex;
import dev.berth.domain.Manifest;
import dev.berth.domain.MediaType;
import dev.berth.domain.RawBytes;
import dev.berth.format.MalformedContentException;
import dev.berth.format.ManifestParser;
import dev.berth.registry.auth.Scope;
import dev.berth.registry.http.ErrorResponses;
import dev.berth.registry.http.Exchange;
import dev.berth.registry.http.RegistryHttp;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Manifest reads, writes and deletes. Every GET and HEAD sends the one full Accept header (T1-T3);
 * digests are computed from the bytes and cross-checked with what the registry claims (T14).
 */
final class Manifests {

    /** Registries reject larger manifests; a larger answer is a broken or hostile server. */
    static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

    private final RegistryHttp http;

    Manifests(RegistryHttp http) {
        this.http = http;
    }

    ManifestResponse get(String repository, String reference) throws RegistryException {
        String action = "read the manifest " + repository + separator(reference) + reference;
        Exchange exchange = Exchange.get(ApiPaths.manifest(http, repository, reference).build(),
                Set.of(Scope.pull(repository)), action).withHeader("Accept", MediaType.MANIFEST_ACCEPT);
        try (Response response = http.send(exchange)) {
            byte[] body = readBody(response);
            Optional<MediaType> contentType = contentType(response);
            Optional<Digest> claimed = claimedDigest(response);
            Optional<Digest> requested = Digest.isDigest(reference) ? Optional.of(Digest.parse(reference)) : Optional.empty();
            String algorithm = requested.or(() -> claimed).map(Digest::algorithm).orElse("sha256");
            Digest actual = Digest.of(algorithm, body);
            if (requested.isPresent() && !requested.get().equals(actual)) {
                throw new RegistryException.ProtocolViolation("The registry sent content for " + repository + "@" + reference
                        + " whose digest is " + actual + ": it does not match what was asked for.");
            }
            if (claimed.isPresent() && claimed.get().algorithm().equals(algorithm) && !claimed.get().equals(actual)) {
                throw new RegistryException.ProtocolViolation("The registry says " + action.substring(5) + " has digest "
                        + claimed.get() + " but its content hashes to " + actual + ".");
            }
            Manifest manifest;
            try {
                manifest = ManifestParser.parse(RawBytes.of(body), contentType);
            } catch (MalformedContentException e) {
                throw new RegistryException.ProtocolViolation("The manifest " + repository + separator(reference) + reference
                        + " is malformed: " + e.getMessage());
            }
            MediaType declared = contentType.orElse(manifest.mediaType());
            return new ManifestResponse(repository, reference, manifest, actual, declared);
        } catch (IOException e) {
            throw failure(e, action);
        }
    }

    ManifestHead head(String repository, String reference) throws RegistryException {
        String action = "look up " + repository + separator(reference) + reference;
        Exchange exchange = Exchange.head(ApiPaths.manifest(http, repository, reference).build(),
                Set.of(Scope.pull(repository)), action).withHeader("Accept", MediaType.MANIFEST_ACCEPT);
        Optional<Digest> claimed;
        Optional<MediaType> type;
        long size;
        try (Response response = http.send(exchange)) {
            claimed = claimedDigest(response);
            type = contentType(response);
            size = parseLong(response.header("Content-Length"));
        }
        if (claimed.isEmpty() || type.isEmpty()) {
            // Without the digest header the only trustworthy digest is the hash of the body (T14).
            ManifestResponse full = get(repository, reference);
            return new ManifestHead(full.digest(), full.contentType(), full.manifest().raw().size());
        }
        return new ManifestHead(claimed.get(), type.get(), size);
    }

    Digest put(String repository, String reference, RawBytes raw, MediaType mediaType) throws RegistryException {
        Digest digest = raw.sha256();
        String action = "upload the manifest " + repository + separator(reference) + reference;
        RequestBody body = RequestBody.create(raw.toByteArray(), okhttp3.MediaType.get(mediaType.value()));
        try (Response response = http.send(Exchange.of("PUT", ApiPaths.manifest(http, repository, reference).build(), body,
                Set.of(Scope.push(repository)), action).handling(413))) {
            if (response.code() == 413) {
                throw new RegistryException.ProtocolViolation("The registry refused the manifest for " + repository
                        + " as too large (" + raw.size() + " bytes).", 413, List.of(), false);
            }
            Optional<Digest> claimed = claimedDigest(response);
            if (claimed.isPresent() && claimed.get().algorithm().equals("sha256") && !claimed.get().equals(digest)) {
                throw new RegistryException.ProtocolViolation("The registry stored the manifest under " + claimed.get()
                        + " but its bytes hash to " + digest + ".");
            }
            return digest;
        }
    }

    DeleteResult delete(DeletableManifest target) throws RegistryException {
        String action = "delete " + target;
        Exchange exchange = Exchange.of("DELETE",
                ApiPaths.manifest(http, target.repository(), target.digest().toString()).build(), null,
                Set.of(Scope.delete(target.repository())), action).handling(404, 405);
        try (Response response = http.send(exchange)) {
            return switch (response.code()) {
                case 404 -> new DeleteResult(DeleteResult.Status.NOT_FOUND, target + " no longer exists.");
                case 405 -> new DeleteResult(DeleteResult.Status.DISABLED, ErrorResponses.toException(response, action,
                        http.authorizer().credentials()).getMessage());
                default -> new DeleteResult(DeleteResult.Status.DELETED, "Deleted " + target + ".");
            };
        }
    }

    /**
     * Removes the tag {@code tag} alone ({@code DELETE /manifests/<tag>}, trap T5). What that does
     * depends on the registry — Distribution 3, Quay and zot remove just the tag, ACR the whole
     * manifest, Distribution 2.8 refuses with 400 — so callers use it only where
     * {@link Capabilities#tagDeletion()} says {@code REMOVES_TAG_ONLY}.
     */
    DeleteResult untag(String repository, String tag) throws RegistryException {
        if (Digest.isDigest(tag)) throw new IllegalArgumentException("untag needs a tag, not a digest: " + tag);
        String action = "remove the tag " + repository + ":" + tag;
        Exchange exchange = Exchange.of("DELETE", ApiPaths.manifest(http, repository, tag).build(), null,
                Set.of(Scope.delete(repository)), action).handling(400, 404, 405);
        try (Response response = http.send(exchange)) {
            return switch (response.code()) {
                case 400 -> throw new RegistryException.Unsupported("The registry cannot remove the tag " + tag + " on its own (it "
                        + "answered 400 to a tag delete): there, only deleting by digest works, which removes every tag on that digest.",
                        400, ErrorResponses.toException(response, action, http.authorizer().credentials()).errors());
                case 404 -> new DeleteResult(DeleteResult.Status.NOT_FOUND, repository + ":" + tag + " no longer exists.");
                case 405 -> new DeleteResult(DeleteResult.Status.DISABLED, ErrorResponses.toException(response, action,
                        http.authorizer().credentials()).getMessage());
                default -> new DeleteResult(DeleteResult.Status.DELETED, "Removed the tag " + repository + ":" + tag + ".");
            };
        }
    }

    /**
     * What refers to {@code subject} (signatures, SBOMs, attestations): the OCI 1.1 referrers API
     * where the registry has it, else the {@code sha256-<hex>} tag convention.
     */
    List<Descriptor> referrers(String repository, Digest subject) throws RegistryException {
        String action = "list what refers to " + repository + "@" + subject;
        Exchange exchange = Exchange.get(ApiPaths.referrers(http, repository, subject).build(), Set.of(Scope.pull(repository)),
                action).withHeader("Accept", MediaType.OCI_INDEX.value()).handling(404);
        try (Response response = http.send(exchange)) {
            if (response.code() == 200 && contentType(response).filter(MediaType::isIndex).isPresent()) {
                byte[] body = readBody(response);
                try {
                    if (ManifestParser.parse(RawBytes.of(body), contentType(response)) instanceof ImageIndex index) {
                        return index.manifests();
                    }
                } catch (MalformedContentException e) {
                    throw new RegistryException.ProtocolViolation("The registry's referrers answer is malformed: " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw failure(e, action);
        }
        try {
            ManifestResponse fallback = get(repository, subject.algorithm() + "-" + subject.hex());
            return fallback.manifest() instanceof ImageIndex index ? index.manifests() : List.of();
        } catch (RegistryException.NotFound noReferrers) {
            return List.of();
        }
    }

    private static byte[] readBody(Response response) throws IOException {
        return ErrorResponses.readBounded(response, MAX_MANIFEST_BYTES);
    }

    static Optional<MediaType> contentType(Response response) {
        String value = response.header("Content-Type");
        if (value == null || value.isBlank()) return Optional.empty();
        try {
            return Optional.of(MediaType.of(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static Optional<Digest> claimedDigest(Response response) throws RegistryException {
        String value = response.header("Docker-Content-Digest");
        if (value == null || value.isBlank()) return Optional.empty();
        try {
            return Optional.of(Digest.parse(value.trim()));
        } catch (IllegalArgumentException e) {
            throw new RegistryException.ProtocolViolation("The registry sent an invalid Docker-Content-Digest: " + e.getMessage());
        }
    }

    private static long parseLong(String value) {
        try {
            return value == null ? -1 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static String separator(String reference) {
        return Digest.isDigest(reference) ? "@" : ":";
    }

    private RegistryException failure(IOException e, String action) {
        return failure(http, e, action);
    }

    /** An I/O failure while reading an answer: a cancellation stays one, anything else is named. */
    static RegistryException failure(RegistryHttp http, IOException e, String action) {
        if (e instanceof RegistryException re) return re;
        http.calls().rethrowIfCancelled(e);
        return new RegistryException.TransportFailure("The connection broke while trying to " + action + ": " + e.getMessage()
                + ". Try again.", e, true);
    }
}
