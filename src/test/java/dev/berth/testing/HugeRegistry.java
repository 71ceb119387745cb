package dev.berth.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A read-only fake registry with a catalog of {@code repositories} names and one repository of
 * {@code tags} tags, computed rather than stored, so a test can browse 100,000 repositories without
 * pushing them into a real registry (which would take minutes and gigabytes of inodes). Only the
 * reads a browser makes are served: catalog and tag pages honouring {@code n} and {@code last} with
 * Link headers, HEAD and GET of manifests, GET of configs; the tags of the big repository point at
 * a handful of real test images in turn. Every other repository has one tag, {@code v1}.
 */
public final class HugeRegistry implements AutoCloseable {

    static {
        // Headers and body go out in two writes: with Nagle on, each answer on a kept-alive connection waits for a
        // delayed ACK (~40 ms), which would make 20,000 requests take minutes. Read once, when the JDK server loads.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final List<String> repositories;
    private final String bigRepository;
    private final List<String> bigTags;
    private final List<TestImages.Image> images;
    private final Map<String, TestImages.Content> byDigest = new HashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private volatile java.time.Duration countLatency = java.time.Duration.ZERO;

    private HugeRegistry(int repositoryCount, String bigRepository, int tagCount, List<TestImages.Image> images) throws IOException {
        this.bigRepository = bigRepository;
        this.images = List.copyOf(images);
        List<String> names = new ArrayList<>(repositoryCount);
        for (int i = 0; i < repositoryCount - 1; i++) names.add(String.format("ns%03d/repo%05d", i % 500, i));
        names.add(bigRepository);
        Collections.sort(names);
        this.repositories = List.copyOf(names);
        List<String> tags = new ArrayList<>(tagCount);
        for (int i = 0; i < tagCount; i++) tags.add(String.format("build-%05d", i));
        this.bigTags = List.copyOf(tags);
        for (TestImages.Image image : images) {
            byDigest.put(image.digest(), image.manifest());
            byDigest.put(image.config().digest(), image.config());
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(threads);
        server.createContext("/v2/", this::handle);
        server.start();
    }

    public static HugeRegistry start(int repositories, String bigRepository, int tags, List<TestImages.Image> images) {
        try {
            return new HugeRegistry(repositories, bigRepository, tags, images);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String hostPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** The image the tag at {@code index} of the big repository points at. */
    public TestImages.Image imageOf(int index) {
        return images.get(index % images.size());
    }

    /** How long each tag list of a repository other than the big one takes to answer. */
    public HugeRegistry withTagListLatency(java.time.Duration latency) {
        this.countLatency = latency;
        return this;
    }

    public long requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            if (path.equals("/v2/")) {
                send(exchange, 200, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/v2/_catalog")) {
                page(exchange, "/v2/_catalog", repositories, query, names -> "{\"repositories\":" + json(names) + "}");
            } else if (path.endsWith("/tags/list")) {
                String repository = path.substring("/v2/".length(), path.length() - "/tags/list".length());
                List<String> tags = repository.equals(bigRepository) ? bigTags : List.of("v1");
                // The other 99,999 counts trickle in as from a distant registry: a browser counts them in the background,
                // and at full speed they would only make the test wait for CPU, not load the FX thread more.
                if (!repository.equals(bigRepository)) sleep(countLatency);
                page(exchange, path, tags, query, names -> "{\"name\":\"" + repository + "\",\"tags\":" + json(names) + "}");
            } else if (path.startsWith("/v2/" + bigRepository + "/manifests/")) {
                String reference = path.substring(path.lastIndexOf('/') + 1);
                TestImages.Content manifest = reference.startsWith("sha256:") ? byDigest.get(reference)
                        : tagIndex(reference) >= 0 ? imageOf(tagIndex(reference)).manifest() : null;
                if (manifest == null) notFound(exchange, "MANIFEST_UNKNOWN");
                else {
                    exchange.getResponseHeaders().add("Docker-Content-Digest", manifest.digest());
                    send(exchange, 200, manifest.mediaType(), manifest.bytes());
                }
            } else if (path.startsWith("/v2/" + bigRepository + "/blobs/") && byDigest.containsKey(path.substring(path.lastIndexOf('/') + 1))) {
                TestImages.Content blob = byDigest.get(path.substring(path.lastIndexOf('/') + 1));
                exchange.getResponseHeaders().add("Docker-Content-Digest", blob.digest());
                send(exchange, 200, "application/octet-stream", blob.bytes());
            } else {
                notFound(exchange, "NAME_UNKNOWN");
            }
        }
    }

    private static void sleep(java.time.Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int tagIndex(String tag) {
        int i = Collections.binarySearch(bigTags, tag);
        return i >= 0 ? i : -1;
    }

    private interface PageBody {
        String of(List<String> names);
    }

    /** Distribution's paging: names after {@code last}, at most {@code n}, a Link to the rest. */
    private static void page(HttpExchange exchange, String path, List<String> all, Map<String, String> query, PageBody body)
            throws IOException {
        int n = query.containsKey("n") ? Integer.parseInt(query.get("n")) : all.size();
        int from = 0;
        if (query.containsKey("last")) {
            int at = Collections.binarySearch(all, query.get("last"));
            from = at >= 0 ? at + 1 : -at - 1;
        }
        List<String> names = all.subList(from, Math.min(all.size(), from + n));
        if (from + n < all.size()) {
            exchange.getResponseHeaders().add("Link", "<" + path + "?last=" + names.getLast() + "&n=" + n + ">; rel=\"next\"");
        }
        send(exchange, 200, "application/json", body.of(names).getBytes(StandardCharsets.UTF_8));
    }

    private static String json(List<String> names) {
        StringBuilder out = new StringBuilder("[");
        for (String name : names) out.append(out.length() > 1 ? ",\"" : "\"").append(name).append('"');
        return out.append(']').toString();
    }

    private static void notFound(HttpExchange exchange, String code) throws IOException {
        send(exchange, 404, "application/json", ("{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"unknown\"}]}")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.getResponseHeaders().add("Docker-Distribution-Api-Version", "registry/2.0");
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseHeaders().add("Content-Length", Integer.toString(body.length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw == null) return query;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
