package dev.berth.testing;

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
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A real Distribution 2.8 registry behind a proxy that gives it the tag delete it lacks (it
 * answers {@code DELETE /manifests/<tag>} with 400). Every other request goes to the real
 * registry unchanged; a tag delete is done the way Distribution 3 and zot do it (only the tag's
 * link under the storage root goes) or the way ACR does it (the manifest goes, with every tag).
 * A double only for the one thing the registry Berth tests against cannot be made to do.
 */
public final class TagDeletingProxy implements AutoCloseable {

    /** What a tag delete removes. */
    public enum Behaviour { REMOVES_TAG_ONLY, REMOVES_MANIFEST }

    private static final Pattern MANIFEST = Pattern.compile("/v2/(.+)/manifests/([^/]+)");

    private final RegistryServer registry;
    private final Behaviour behaviour;
    private final MockWebServer server = new MockWebServer();
    private final OkHttpClient http = new OkHttpClient.Builder().followRedirects(false).build();
    private final List<String> tagDeletes = new CopyOnWriteArrayList<>();

    private TagDeletingProxy(RegistryServer registry, Behaviour behaviour) {
        this.registry = registry;
        this.behaviour = behaviour;
    }

    public static TagDeletingProxy start(RegistryServer registry, Behaviour behaviour) {
        TagDeletingProxy proxy = new TagDeletingProxy(registry, behaviour);
        proxy.server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return proxy.handle(request);
            }
        });
        try {
            proxy.server.start(java.net.InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return proxy;
    }

    public String hostPort() {
        return "127.0.0.1:" + server.getPort();
    }

    /** {@code repo:tag} of every tag delete received, in order. */
    public List<String> tagDeletes() {
        return List.copyOf(tagDeletes);
    }

    private MockResponse handle(RecordedRequest request) {
        Matcher manifest = MANIFEST.matcher(request.getUrl().encodedPath());
        if (request.getMethod().equals("DELETE") && manifest.matches() && !manifest.group(2).contains(":")) {
            tagDeletes.add(manifest.group(1) + ":" + manifest.group(2));
            return deleteTag(manifest.group(1), manifest.group(2));
        }
        return forward(request);
    }

    private MockResponse deleteTag(String repository, String tag) {
        Path link = registry.storageRoot().resolve("docker/registry/v2/repositories").resolve(repository).resolve("_manifests/tags")
                .resolve(tag);
        if (!Files.isDirectory(link)) {
            return new MockResponse.Builder().code(404).addHeader("Content-Type", "application/json")
                    .body("{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}").build();
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
        return new MockResponse.Builder().code(202).build();
    }

    private MockResponse forward(RecordedRequest request) {
        String method = request.getMethod();
        boolean hasBody = request.getBodySize() > 0 || method.equals("PUT") || method.equals("POST") || method.equals("PATCH");
        okhttp3.MediaType type = request.getHeaders().get("Content-Type") == null ? null
                : okhttp3.MediaType.parse(request.getHeaders().get("Content-Type"));
        RequestBody body = hasBody ? RequestBody.create(request.getBody() == null ? new byte[0] : request.getBody().toByteArray(), type)
                : null;
        Request.Builder forwarded = new Request.Builder().url(registry.baseUrl() + request.getTarget()).method(method, body);
        request.getHeaders().forEach(h -> {
            String name = h.getFirst();
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("Connection")
                    && !name.equalsIgnoreCase("Accept-Encoding")) {
                forwarded.addHeader(name, h.getSecond());
            }
        });
        try (Response response = http.newCall(forwarded.build()).execute()) {
            byte[] bytes = response.body().bytes();
            MockResponse.Builder answer = new MockResponse.Builder().code(response.code());
            if (!method.equals("HEAD")) answer.body(new okio.Buffer().write(bytes));
            response.headers().forEach(h -> {
                String name = h.getFirst();
                if (name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding")
                        || name.equalsIgnoreCase("Connection")) {
                    return;
                }
                String value = name.equalsIgnoreCase("Location") ? h.getSecond().replace(registry.baseUrl(), "http://" + hostPort())
                        : h.getSecond();
                answer.addHeader(name, value);
            });
            // A HEAD answer keeps the length of what a GET would send (the manifest's size).
            String length = response.header("Content-Length");
            answer.removeHeader("Content-Length");
            answer.addHeader("Content-Length", method.equals("HEAD") && length != null ? length : String.valueOf(bytes.length));
            return answer.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        server.close();
    }
}
