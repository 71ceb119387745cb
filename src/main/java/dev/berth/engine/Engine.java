package dev.berth.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The local Docker or Podman engine, over its Engine API: list, save, load and tag images. Berth
 * never asks the engine to pull or push, so the engine never needs Berth's registry credentials:
 * images come and go through {@link EngineStore}, as image tar streams.
 *
 * <p>docker-java's typed commands serve the small JSON calls; the image tar streams go through its
 * HTTP transport directly, so a save is read as it arrives and the engine's answer to a load is
 * read in full (an engine reports a failed load inside a 200 response).
 */
public final class Engine implements Closeable {

    /** An inspect or history answer is a few kilobytes; one far larger is cut rather than held whole. */
    private static final int MAX_INSPECT = 4 * 1024 * 1024;

    private final EngineAddress address;
    private final DockerHttpClient http;
    private final DockerClient docker;

    private Engine(EngineAddress address, DockerHttpClient http) {
        this.address = address;
        this.http = http;
        // Built from nothing but the address: no docker config, context or registry login is read or passed on.
        DefaultDockerClientConfig config = new DefaultDockerClientConfig.Builder().withDockerHost(address.uri().toString())
                .withDockerTlsVerify(false).build();
        this.docker = DockerClientImpl.getInstance(config, http);
    }

    static Engine connect(EngineAddress address) {
        return new Engine(address, httpClient(address, null));
    }

    public EngineAddress address() {
        return address;
    }

    /** Whether the engine answers within {@code timeout}. */
    void ping(Duration timeout) throws EngineException {
        try (DockerHttpClient probe = httpClient(address, timeout);
                DockerHttpClient.Response response = probe.execute(request("GET", "/_ping").build())) {
            if (response.getStatusCode() != 200) throw new EngineException("answered " + response.getStatusCode() + " to a ping");
        } catch (IOException | RuntimeException e) {
            throw new EngineException(reason(e), e);
        }
    }

    /** Every image the engine holds, newest first. */
    public List<LocalImage> images() throws EngineException {
        List<Image> images = call("list the images", () -> docker.listImagesCmd().exec());
        List<LocalImage> local = new ArrayList<>();
        for (Image image : images) {
            local.add(new LocalImage(image.getId(), names(image.getRepoTags()), names(image.getRepoDigests()),
                    image.getSize() == null ? 0 : image.getSize(), Instant.ofEpochSecond(image.getCreated() == null ? 0 : image.getCreated())));
        }
        local.sort(Comparator.comparing(LocalImage::created).reversed().thenComparing(LocalImage::id));
        return local;
    }

    /** The image {@code name} (REPO:TAG, an id or an id prefix) as the engine resolves it, if it has one. */
    public Optional<LocalImage> image(String name) throws EngineException {
        try {
            var inspect = call("inspect " + name, () -> docker.inspectImageCmd(name).exec());
            Instant created = inspect.getCreated() == null ? Instant.EPOCH : Instant.parse(inspect.getCreated());
            return Optional.of(new LocalImage(inspect.getId(), names(inspect.getRepoTags()), names(inspect.getRepoDigests()),
                    inspect.getSize() == null ? 0 : inspect.getSize(), created));
        } catch (EngineException.NoSuchImage e) {
            return Optional.empty();
        }
    }

    /**
     * What the engine tells about the image {@code name} without saving it: platform, config,
     * layers and history, from two small JSON answers. Empty when the engine has no such image;
     * an engine that will not tell the history still gives the rest.
     */
    public Optional<EngineImageDetails> details(String name) throws EngineException {
        String path = "/images/" + EnginePaths.name(name);
        String inspect;
        try (DockerHttpClient.Response response = execute("inspect " + name, request("GET", path + "/json"))) {
            inspect = readText(response, MAX_INSPECT);
            if (response.getStatusCode() == 404) return Optional.empty();
            if (response.getStatusCode() != 200) {
                throw new EngineException("The engine at " + address.uri() + " could not inspect " + name + ": "
                        + EngineAnswers.message(inspect) + " (" + response.getStatusCode() + ").");
            }
        }
        Optional<String> history;
        try (DockerHttpClient.Response response = execute("read the history of " + name, request("GET", path + "/history"))) {
            String answer = readText(response, MAX_INSPECT);
            history = response.getStatusCode() == 200 ? Optional.of(answer) : Optional.empty();
        }
        try {
            return Optional.of(EngineImageDetails.parse(inspect, history));
        } catch (IOException | RuntimeException e) {
            throw new EngineException("The engine at " + address.uri() + " described " + name + " in a way Berth cannot read: " + reason(e), e);
        }
    }

    /**
     * The image {@code name} as a docker-archive tar stream, read as the engine writes it; the
     * caller closes it. {@link EngineException.NoSuchImage} when the engine has no such image.
     */
    public InputStream save(String name) throws EngineException {
        DockerHttpClient.Response response = execute("save " + name, request("GET", "/images/" + EnginePaths.name(name) + "/get"));
        if (response.getStatusCode() == 200) return new ResponseStream(response);
        String body = errorText(response);
        if (response.getStatusCode() == 404) throw noSuchImage(name);
        throw new EngineException("The engine at " + address.uri() + " could not save " + name + " (" + response.getStatusCode() + "): " + body);
    }

    /** Loads a docker-archive read from {@code archive}, as {@code docker load} does; fails with the engine's words if it refuses it. */
    public void load(InputStream archive) throws EngineException {
        DockerHttpClient.Request.Builder load = request("POST", "/images/load?quiet=1").putHeader("Content-Type", "application/x-tar").body(archive);
        try (DockerHttpClient.Response response = execute("load an image", load)) {
            String answer = readText(response);
            Optional<String> error = EngineAnswers.streamError(answer);
            if (response.getStatusCode() != 200 || error.isPresent()) {
                throw new EngineException("The engine at " + address.uri() + " refused the image: "
                        + error.orElse(EngineAnswers.message(answer)) + " (" + response.getStatusCode() + ").");
            }
        }
    }

    /** Names {@code image} (a name or an id) {@code repository:tag}. */
    public void tag(String image, String repository, String tag) throws EngineException {
        call("tag " + image + " as " + repository + ":" + tag, () -> docker.tagImageCmd(image, repository, tag).withForce(true).exec());
    }

    @Override
    public void close() {
        try {
            docker.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T call(String what, Supplier<T> command) throws EngineException {
        try {
            return command.get();
        } catch (NotFoundException e) {
            throw new EngineException.NoSuchImage("The engine at " + address.uri() + " could not " + what + ": " + EngineAnswers.message(e.getMessage()));
        } catch (DockerException e) {
            throw new EngineException("The engine at " + address.uri() + " could not " + what + ": " + EngineAnswers.message(e.getMessage())
                    + " (" + e.getHttpStatus() + ").", e);
        } catch (RuntimeException e) {
            throw new EngineException("The engine at " + address.uri() + " stopped answering while trying to " + what + ": " + reason(e)
                    + ". Is it still running?", e);
        }
    }

    private DockerHttpClient.Response execute(String what, DockerHttpClient.Request.Builder request) throws EngineException {
        try {
            return http.execute(request.build());
        } catch (RuntimeException e) {
            throw new EngineException("The engine at " + address.uri() + " stopped answering while trying to " + what + ": " + reason(e)
                    + ". Is it still running?", e);
        }
    }

    private EngineException.NoSuchImage noSuchImage(String name) {
        return new EngineException.NoSuchImage("The engine at " + address.uri() + " has no image " + name + ". `berth images` lists what it has.");
    }

    private static DockerHttpClient.Request.Builder request(String method, String path) {
        return new DockerHttpClient.Request.Builder().method(DockerHttpClient.Request.Method.valueOf(method)).path(path);
    }

    private static DockerHttpClient httpClient(EngineAddress address, Duration timeout) {
        ZerodepDockerHttpClient.Builder builder = new ZerodepDockerHttpClient.Builder().dockerHost(address.uri())
                .connectionTimeout(EngineLocator.PROBE);
        if (timeout != null) builder.responseTimeout(timeout);
        return builder.build();
    }

    private static List<String> names(String[] names) {
        return names(names == null ? List.of() : Arrays.asList(names));
    }

    /** An engine answers {@code <none>:<none>} (or {@code <none>@<none>}) for an untagged image; that is no name. */
    private static List<String> names(List<String> names) {
        return names == null ? List.of() : names.stream().filter(n -> n != null && !n.startsWith("<none>")).toList();
    }

    private static String errorText(DockerHttpClient.Response response) throws EngineException {
        try (response) {
            return EngineAnswers.message(readText(response));
        }
    }

    private static String readText(DockerHttpClient.Response response) throws EngineException {
        return readText(response, EngineAnswers.MAX_ANSWER);
    }

    private static String readText(DockerHttpClient.Response response, int limit) throws EngineException {
        try (InputStream body = response.getBody()) {
            return new String(body.readNBytes(limit), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EngineException("The engine's answer could not be read: " + e.getMessage(), e);
        }
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** The body of a save, closing the response with it. */
    private static final class ResponseStream extends java.io.FilterInputStream {
        private final DockerHttpClient.Response response;

        ResponseStream(DockerHttpClient.Response response) {
            super(response.getBody());
            this.response = response;
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                response.close();
            }
        }
    }
}
