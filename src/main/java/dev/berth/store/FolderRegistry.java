package dev.berth.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.Manifest;
import dev.berth.domain.MediaType;
import dev.berth.domain.Names;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;

/**
 * A folder of OCI image layouts answering the registry API in-process, so a folder (the demo, or
 * anything {@code skopeo copy … oci:DIR} wrote) is a connection like any registry.
 *
 * <p>Why an OkHttp interceptor: everything in Berth that touches images — the browser, the
 * scanner, the cleanup planner and executor, the journal and undo, the details pane, the copy
 * engine through {@link RegistryStore} — is built on {@code RegistryClient}, one concrete class
 * over an OkHttp stack. Answering the Distribution API under that client makes every feature work
 * on a folder unchanged, with none of them knowing. An application interceptor that never calls
 * {@code chain.proceed} opens no socket and no port, so nothing else on the machine can reach the
 * folder, and there is no server to start, stop or leak; a loopback server would have bought only
 * the ability to point other tools at it, which {@code oci:DIR} already gives them. The
 * connection's host ends in {@link #HOST_SUFFIX} ({@code .invalid} never resolves), so a client
 * built without the interceptor fails to connect instead of reaching a network.
 *
 * <p>A folder holds one repository per layout, in nested folders ({@link FolderLayouts});
 * changes follow {@link LayoutRepository}'s rules under one lock per layout. After a manifest or a
 * tag is deleted, the layout's unreferenced blobs are deleted at once (garbage collection on
 * delete): the space a cleanup promises comes back for real, and, as after a registry's garbage
 * collection, undo can put back only images whose layers are still there. Blobs of an upload still
 * under way are kept, so a push running beside a cleanup is not robbed.
 */
public final class FolderRegistry implements Interceptor {

    /** The end of every folder connection's host name; {@code .invalid} is reserved and never resolves. */
    public static final String HOST_SUFFIX = dev.berth.registry.RegistryClients.IN_PROCESS_HOST_SUFFIX;

    private final FolderLayouts layouts;
    private final ConcurrentHashMap<Path, Object> locks = new ConcurrentHashMap<>();
    private final UploadSessions uploads;

    public FolderRegistry(Path root) {
        this.layouts = new FolderLayouts(root);
        this.uploads = new UploadSessions(layouts.root());
    }

    public Path root() {
        return layouts.root();
    }

    /** The host a folder connection gets: {@code name} in the letters a host allows, then {@link #HOST_SUFFIX}. */
    public static String hostFor(String name) {
        String label = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (label.length() > 40) label = label.substring(0, 40).replaceAll("-+$", "");
        return (label.isEmpty() ? "folder" : label) + HOST_SUFFIX;
    }

    public static boolean isFolderHost(String host) {
        return dev.berth.registry.RegistryClients.isInProcessHost(host);
    }

    /**
     * Deletes for good what cleanups moved to the trash of each layout ({@code .berth-trash}, beside
     * {@code blobs/}); after it, undo cannot bring those images back. Returns the bytes freed.
     */
    public long emptyTrash() throws IOException {
        long freed = 0;
        for (String name : repositories()) {
            LayoutRepository repository = new LayoutRepository(layouts.pathOf(name).orElseThrow());
            synchronized (lock(repository)) {
                freed += repository.emptyTrash();
            }
        }
        return freed;
    }

    /** The repositories the folder holds now. */
    public List<String> repositories() throws IOException {
        return layouts.repositories();
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (!java.nio.file.Files.isDirectory(root())) {
            return RegistryAnswers.error(request, 404, "NAME_UNKNOWN", "The folder " + root() + " is not there any more (moved or "
                    + "deleted): open it again with Open folder…, or remove this connection.");
        }
        try {
            return route(request);
        } catch (LayoutRepository.Refusal refusal) {
            return RegistryAnswers.error(request, refusal.status, refusal.code, refusal.getMessage());
        } catch (StoreException.NotFound e) {
            return RegistryAnswers.error(request, 404, "NAME_UNKNOWN", e.getMessage());
        } catch (StoreException e) {
            // A damaged layout is the folder's problem, not the request's: say so as a server error would.
            return RegistryAnswers.error(request, 500, "UNKNOWN", e.getMessage());
        }
    }

    private Response route(Request request) throws IOException, LayoutRepository.Refusal {
        List<String> segments = request.url().pathSegments();
        if (segments.isEmpty() || !segments.getFirst().equals("v2")) return RegistryAnswers.error(request, 404, "UNSUPPORTED", "not a registry path");
        List<String> path = segments.subList(1, segments.size()).stream().filter(s -> !s.isEmpty()).toList();
        String method = request.method();
        if (path.isEmpty()) return RegistryAnswers.json(request, 200, StoreJson.MAPPER.createObjectNode());
        if (path.equals(List.of("_catalog"))) return catalog(request);
        int n = path.size();
        if (n >= 3 && path.get(n - 2).equals("tags") && path.get(n - 1).equals("list")) return tags(request, name(path, n - 2));
        if (n >= 3 && path.get(n - 2).equals("manifests")) return manifests(request, name(path, n - 2), path.get(n - 1));
        if (n >= 3 && path.get(n - 2).equals("referrers")) return referrers(request, name(path, n - 2), path.get(n - 1));
        if (n >= 3 && path.get(n - 1).equals("uploads") && path.get(n - 2).equals("blobs")) {
            return uploads.start(request, name(path, n - 2), this);
        }
        if (n >= 4 && path.get(n - 2).equals("uploads") && path.get(n - 3).equals("blobs")) {
            return uploads.continueSession(request, name(path, n - 3), path.get(n - 1), this);
        }
        if (n >= 3 && path.get(n - 2).equals("blobs")) return blob(request, name(path, n - 2), path.get(n - 1));
        return RegistryAnswers.error(request, 404, "UNSUPPORTED", "Berth's folder registry does not answer " + method + " " + request.url().encodedPath());
    }

    private static String name(List<String> path, int end) throws LayoutRepository.Refusal {
        String name = String.join("/", path.subList(0, end));
        if (!Names.isValidRepository(name)) throw new LayoutRepository.Refusal(400, "NAME_INVALID", "'" + name + "' is not a repository name");
        return name;
    }

    // Listings

    private Response catalog(Request request) throws IOException {
        List<String> page = RegistryAnswers.page(layouts.repositories(), request.url());
        ObjectNode body = StoreJson.MAPPER.createObjectNode();
        page.forEach(body.putArray("repositories")::add);
        return RegistryAnswers.paged(request, body, page, layouts.repositories());
    }

    private Response tags(Request request, String name) throws IOException, LayoutRepository.Refusal {
        List<String> all = existing(name).tags();
        List<String> page = RegistryAnswers.page(all, request.url());
        ObjectNode body = StoreJson.MAPPER.createObjectNode();
        body.put("name", name);
        page.forEach(body.putArray("tags")::add);
        return RegistryAnswers.paged(request, body, page, all);
    }

    // Manifests

    private Response manifests(Request request, String name, String reference) throws IOException, LayoutRepository.Refusal {
        if (!Digest.isDigest(reference) && !Names.isValidTag(reference)) {
            throw new LayoutRepository.Refusal(400, "TAG_INVALID", "'" + reference + "' is not a tag or a digest");
        }
        return switch (request.method()) {
            case "GET", "HEAD" -> {
                LayoutRepository repository = existing(name);
                Optional<Digest> digest = repository.resolve(reference);
                if (digest.isEmpty()) throw new LayoutRepository.Refusal(404, "MANIFEST_UNKNOWN", name + " has no manifest " + reference);
                Manifest manifest = repository.manifest(digest.get());
                yield RegistryAnswers.content(request, manifest.raw().toByteArray(), manifest.mediaType().value(), digest.get());
            }
            case "PUT" -> putManifest(request, name, reference);
            case "DELETE" -> deleteManifest(request, name, reference);
            default -> RegistryAnswers.error(request, 405, "UNSUPPORTED", request.method() + " is not allowed on a manifest");
        };
    }

    private Response putManifest(Request request, String name, String reference) throws IOException, LayoutRepository.Refusal {
        Buffer body = new Buffer();
        if (request.body() != null) {
            if (request.body().contentLength() > StoreJson.MAX_MANIFEST_BYTES) {
                throw new LayoutRepository.Refusal(413, "SIZE_INVALID", "a manifest may be at most " + StoreJson.MAX_MANIFEST_BYTES + " bytes");
            }
            request.body().writeTo(body);
        }
        Optional<MediaType> type = Optional.ofNullable(request.header("Content-Type")).filter(s -> !s.isBlank()).map(MediaType::of);
        Manifest manifest = LayoutRepository.parse(body.readByteArray(), type);
        LayoutRepository repository = repository(name);
        Digest digest;
        synchronized (lock(repository)) {
            repository.create();
            digest = repository.putManifest(reference, manifest);
        }
        return RegistryAnswers.created(request, "/v2/" + name + "/manifests/" + digest, digest);
    }

    private Response deleteManifest(Request request, String name, String reference) throws IOException, LayoutRepository.Refusal {
        LayoutRepository repository = existing(name);
        synchronized (lock(repository)) {
            boolean removed;
            if (Digest.isDigest(reference)) {
                Digest digest = Digest.parse(reference);
                if (repository.isOnlyAChild(digest)) {
                    throw new LayoutRepository.Refusal(400, "DENIED", reference + " is a platform manifest of an index in " + name
                            + ": delete the index instead");
                }
                removed = repository.deleteManifest(digest);
            } else {
                removed = repository.untag(reference);
            }
            if (!removed) throw new LayoutRepository.Refusal(404, "MANIFEST_UNKNOWN", name + " has no manifest " + reference);
            repository.collectGarbage(uploads.inProgress());
        }
        return RegistryAnswers.empty(request, 202);
    }

    private Response referrers(Request request, String name, String subject) throws IOException, LayoutRepository.Refusal {
        if (!Digest.isDigest(subject)) throw new LayoutRepository.Refusal(400, "DIGEST_INVALID", "'" + subject + "' is not a digest");
        Optional<String> artifactType = Optional.ofNullable(request.url().queryParameter("artifactType"));
        ObjectNode index = StoreJson.MAPPER.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaType.OCI_INDEX.value());
        ArrayNode manifests = index.putArray("manifests");
        LayoutRepository repository = repository(name);
        List<Descriptor> found = repository.exists() ? repository.referrers(Digest.parse(subject)) : List.of();
        for (Descriptor d : found) {
            if (artifactType.isPresent() && !d.artifactType().equals(artifactType)) continue;
            manifests.add(StoreJson.descriptorNode(d));
        }
        Response answer = RegistryAnswers.json(request, 200, index);
        return answer.newBuilder().header("Content-Type", MediaType.OCI_INDEX.value())
                .header("OCI-Filters-Applied", artifactType.isPresent() ? "artifactType" : "").build();
    }

    // Blobs

    private Response blob(Request request, String name, String reference) throws IOException, LayoutRepository.Refusal {
        if (!Digest.isDigest(reference)) throw new LayoutRepository.Refusal(400, "DIGEST_INVALID", "'" + reference + "' is not a digest");
        Digest digest = Digest.parse(reference);
        LayoutRepository repository = repository(name);
        return switch (request.method()) {
            case "GET", "HEAD" -> {
                boolean present;
                synchronized (lock(repository)) {
                    present = repository.exists() && repository.hasBlobOrRestore(digest);
                }
                if (!present) throw new LayoutRepository.Refusal(404, "BLOB_UNKNOWN", name + " has no blob " + digest);
                yield RegistryAnswers.file(request, repository.blob(digest), digest);
            }
            case "DELETE" -> RegistryAnswers.error(request, 405, "UNSUPPORTED",
                    "blobs go when no manifest uses them any more: delete the manifests");
            default -> RegistryAnswers.error(request, 405, "UNSUPPORTED", request.method() + " is not allowed on a blob");
        };
    }

    // For uploads

    /** The layout of {@code name}, which may not exist yet. */
    LayoutRepository repository(String name) throws LayoutRepository.Refusal {
        Path path = layouts.pathOf(name).orElseThrow(() -> new LayoutRepository.Refusal(400, "NAME_INVALID",
                "this folder cannot hold a repository named " + name));
        return new LayoutRepository(path);
    }

    private LayoutRepository existing(String name) throws LayoutRepository.Refusal {
        LayoutRepository repository = repository(name);
        if (!repository.exists()) throw new LayoutRepository.Refusal(404, "NAME_UNKNOWN", "there is no repository " + name + " in " + root());
        return repository;
    }

    Object lock(LayoutRepository repository) {
        return locks.computeIfAbsent(repository.dir(), p -> new Object());
    }
}
