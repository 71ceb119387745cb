package dev.berth.testing;

import dev.berth.testing.RegistryProxy.Answer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A real Distribution 2.8 registry behind a {@link RegistryProxy} that gives it the tag delete it
 * lacks (it answers {@code DELETE /manifests/<tag>} with 400). Every other request goes to the real
 * registry unchanged; a tag delete is done the way Distribution 3 and zot do it (only the tag's
 * link under the storage root goes) or the way ACR does it (the manifest goes, with every tag).
 * A double only for the one thing the registry Berth tests against cannot be made to do.
 */
public final class TagDeletingProxy implements AutoCloseable {

    /** What a tag delete removes. */
    public enum Behaviour { REMOVES_TAG_ONLY, REMOVES_MANIFEST }

    static final Pattern MANIFEST = Pattern.compile("/v2/(.+)/manifests/([^/]+)");

    private final RegistryServer registry;
    private final Behaviour behaviour;
    private final OkHttpClient http = new OkHttpClient.Builder().followRedirects(false).build();
    private final List<String> tagDeletes = new CopyOnWriteArrayList<>();
    private RegistryProxy proxy;

    private TagDeletingProxy(RegistryServer registry, Behaviour behaviour) {
        this.registry = registry;
        this.behaviour = behaviour;
    }

    public static TagDeletingProxy start(RegistryServer registry, Behaviour behaviour) {
        TagDeletingProxy tagDeleting = new TagDeletingProxy(registry, behaviour);
        tagDeleting.proxy = RegistryProxy.start(registry, tagDeleting::handle);
        return tagDeleting;
    }

    public String hostPort() {
        return proxy.hostPort();
    }

    /** {@code repo:tag} of every tag delete received, in order. */
    public List<String> tagDeletes() {
        return List.copyOf(tagDeletes);
    }

    private Answer handle(RecordedRequest request, RegistryProxy.Upstream upstream) {
        Matcher manifest = MANIFEST.matcher(request.getUrl().encodedPath());
        if (request.getMethod().equals("DELETE") && manifest.matches() && !manifest.group(2).contains(":")) {
            tagDeletes.add(manifest.group(1) + ":" + manifest.group(2));
            return deleteTag(manifest.group(1), manifest.group(2));
        }
        return upstream.forward(request);
    }

    private Answer deleteTag(String repository, String tag) {
        Path link = registry.storageRoot().resolve("docker/registry/v2/repositories").resolve(repository).resolve("_manifests/tags")
                .resolve(tag);
        if (!Files.isDirectory(link)) {
            return new Answer(404, Headers.of("Content-Type", "application/json"),
                    "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}".getBytes());
        }
        if (behaviour == Behaviour.REMOVES_MANIFEST) {
            String digest = readDigest(link.resolve("current/link"));
            try (Response ignored = http.newCall(new Request.Builder().url(registry.baseUrl() + "/v2/" + repository + "/manifests/" + digest)
                    .delete().build()).execute()) {
                // The registry's answer to the digest delete is the answer to the tag delete.
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            deleteTree(link);
        }
        return Answer.of(202);
    }

    private static String readDigest(Path link) {
        try {
            return Files.readString(link).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        proxy.close();
    }
}
