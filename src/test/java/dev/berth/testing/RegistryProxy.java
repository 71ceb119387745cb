package dev.berth.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A real Distribution registry behind a MockWebServer that forwards every request to it, records
 * each one, and lets a {@link Handler} change what the registry would do: answer a request itself
 * (a tag delete Distribution 2.8 lacks, see {@link TagDeletingProxy}) or rewrite the registry's real
 * answer (a registry that contradicts itself, see {@link Lies}). A double only for what a real
 * registry cannot be made to do; everything else is the real registry's behaviour.
 */
public final class RegistryProxy implements AutoCloseable {

    /** Methods that change nothing on a registry. */
    public static final Set<String> READ_ONLY_METHODS = Set.of("GET", "HEAD");

    /** What the proxy does with one request; {@code upstream} asks the real registry. */
    @FunctionalInterface
    public interface Handler {
        Answer handle(RecordedRequest request, Upstream upstream);
    }

    /** The real registry, asked on the handler's behalf. */
    @FunctionalInterface
    public interface Upstream {
        Answer forward(RecordedRequest request);
    }

    /** An answer as the registry sent it (headers without the framing ones), to pass on or to rewrite. */
    public record Answer(int code, Headers headers, byte[] body) {
        public Answer withHeader(String name, String value) {
            return new Answer(code, headers.newBuilder().set(name, value).build(), body);
        }

        public Answer withBody(byte[] replacement) {
            return new Answer(code, headers, replacement);
        }

        public static Answer of(int code) {
            return new Answer(code, Headers.of(), new byte[0]);
        }
    }

    /** One request as received: {@code "DELETE /v2/team/app/manifests/sha256:…"}. */
    public record Seen(String method, String target) {
        public boolean writes() {
            return !READ_ONLY_METHODS.contains(method);
        }

        @Override
        public String toString() {
            return method + " " + target;
        }
    }

    private final RegistryServer registry;
    private final Handler handler;
    private final MockWebServer server = new MockWebServer();
    private final OkHttpClient http = new OkHttpClient.Builder().followRedirects(false).build();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    private RegistryProxy(RegistryServer registry, Handler handler) {
        this.registry = registry;
        this.handler = handler;
    }

    /** A proxy that passes everything on unchanged and records it. */
    public static RegistryProxy recording(RegistryServer registry) {
        return start(registry, (request, upstream) -> upstream.forward(request));
    }

    public static RegistryProxy start(RegistryServer registry, Handler handler) {
        RegistryProxy proxy = new RegistryProxy(registry, handler);
        proxy.server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                proxy.seen.add(new Seen(request.getMethod(), request.getTarget()));
                return proxy.respond(request.getMethod(), proxy.handler.handle(request, proxy::forward));
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

    public RegistryServer registry() {
        return registry;
    }

    /** Every request received, in order. */
    public List<Seen> requests() {
        return List.copyOf(seen);
    }

    /** The requests that could change the registry: anything but GET and HEAD. */
    public List<Seen> writes() {
        return seen.stream().filter(Seen::writes).toList();
    }

    /** The writes other than the capability probe's, whose deletes name a digest and a tag that exist nowhere. */
    public List<Seen> writesBesidesTheDeleteProbe() {
        return writes().stream().filter(s -> !s.target().endsWith("/manifests/sha256:" + "0".repeat(64))
                && !s.target().endsWith("/manifests/berth-capability-probe-nonexistent")).toList();
    }

    private Answer forward(RecordedRequest request) {
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
            Headers.Builder headers = new Headers.Builder();
            response.headers().forEach(h -> {
                String name = h.getFirst();
                if (name.equalsIgnoreCase("Transfer-Encoding") || name.equalsIgnoreCase("Connection")) return;
                // A HEAD answer keeps the length of what a GET would send (the manifest's size).
                if (name.equalsIgnoreCase("Content-Length") && !method.equals("HEAD")) return;
                String value = name.equalsIgnoreCase("Location") ? h.getSecond().replace(registry.baseUrl(), "http://" + hostPort())
                        : h.getSecond();
                headers.add(name, value);
            });
            return new Answer(response.code(), headers.build(), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private MockResponse respond(String method, Answer answer) {
        MockResponse.Builder response = new MockResponse.Builder().code(answer.code());
        if (!method.equals("HEAD")) response.body(new okio.Buffer().write(answer.body()));
        response.removeHeader("Content-Length");
        answer.headers().forEach(h -> {
            if (!h.getFirst().equalsIgnoreCase("Content-Length")) response.addHeader(h.getFirst(), h.getSecond());
        });
        String headLength = answer.headers().get("Content-Length");
        response.addHeader("Content-Length", method.equals("HEAD") ? (headLength == null ? "0" : headLength)
                : String.valueOf(answer.body().length));
        return response.build();
    }

    @Override
    public void close() {
        server.close();
    }
}
