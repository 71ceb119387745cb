package dev.berth.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/** Generates registry content for tests: layer blobs, image configs, image manifests, indexes and artifacts. */
public final class TestImages {

    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
    public static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    public static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    public static final String IN_TOTO = "application/vnd.in-toto+json";

    /** Annotation keys buildx puts on an attestation manifest's index entry. */
    public static final String REFERENCE_TYPE = "vnd.docker.reference.type";
    public static final String REFERENCE_DIGEST = "vnd.docker.reference.digest";
    public static final String CREATED_ANNOTATION = "org.opencontainers.image.created";

    /** A fixed, recognisable default creation date, so that digests are stable across runs. */
    public static final Instant DEFAULT_CREATED = Instant.parse("2024-03-01T12:00:00Z");

    // Keys must keep insertion order: the bytes (and so the digests) must be deterministic.
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestImages() {}

    /**
     * Exact bytes plus their digest, media type and size. The bytes are what gets pushed and hashed; never
     * mutate the array.
     */
    public record Content(String mediaType, byte[] bytes, String digest, long size) {

        public static Content of(String mediaType, byte[] bytes) {
            return new Content(mediaType, bytes, sha256(bytes), bytes.length);
        }

        /** Same bytes under another media type (e.g. an OCI layer referenced from a Docker manifest). */
        public Content withMediaType(String type) {
            return new Content(type, bytes, digest, size);
        }

        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        /** The descriptor {mediaType, digest, size} as an ordered map, ready to be embedded in a manifest. */
        public Map<String, Object> descriptor() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("mediaType", mediaType);
            d.put("digest", digest);
            d.put("size", size);
            return d;
        }
    }

    /** An OCI/Docker platform; {@code variant} may be null. */
    public record Platform(String os, String architecture, String variant) {
        public static final Platform LINUX_AMD64 = new Platform("linux", "amd64", null);
        public static final Platform LINUX_ARM64 = new Platform("linux", "arm64", "v8");
        public static final Platform LINUX_ARM_V7 = new Platform("linux", "arm", "v7");
        /** What buildx writes for attestation manifests. */
        public static final Platform UNKNOWN = new Platform("unknown", "unknown", null);

        Map<String, Object> json() {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("architecture", architecture);
            p.put("os", os);
            if (variant != null) p.put("variant", variant);
            return p;
        }

        @Override
        public String toString() {
            return os + "/" + architecture + (variant == null ? "" : "/" + variant);
        }
    }

    /**
     * A single-platform image or artifact: its manifest, config and layer blobs. {@code platform} and
     * {@code indexAnnotations} describe the entry an index would give it (both may be null/empty).
     */
    public record Image(Content manifest, Content config, List<Content> layers, Platform platform,
            Map<String, String> indexAnnotations) {

        public String digest() {
            return manifest.digest();
        }

        public String mediaType() {
            return manifest.mediaType();
        }

        public List<String> layerDigests() {
            return layers.stream().map(Content::digest).toList();
        }

        /** config + layers: all the blobs a push must upload before the manifest. */
        public List<Content> blobs() {
            List<Content> all = new ArrayList<>();
            all.add(config);
            all.addAll(layers);
            return all;
        }

        /** The image size as the protocol brief defines it: config.size + Σ layer sizes (compressed sizes). */
        public long totalSize() {
            return config.size() + layers.stream().mapToLong(Content::size).sum();
        }
    }

    /** A multi-platform index (OCI index or Docker manifest list) and the children it lists, in order. */
    public record Index(Content manifest, List<Image> children) {

        public String digest() {
            return manifest.digest();
        }

        public String mediaType() {
            return manifest.mediaType();
        }

        public Image child(Platform platform) {
            return children.stream().filter(c -> platform.equals(c.platform())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no child for " + platform));
        }

        /** Σ sizes of the distinct blobs (configs and layers) of all children, each counted once. */
        public long distinctBlobSize() {
            Map<String, Long> sizes = new LinkedHashMap<>();
            children.forEach(c -> c.blobs().forEach(b -> sizes.put(b.digest(), b.size())));
            return sizes.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // blobs

    /** {@code size} pseudo-random bytes, the same for the same seed (as incompressible as real gzip data). */
    public static Content layer(long seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return Content.of(OCI_LAYER, bytes);
    }

    /** Layers of the given sizes, seeded {@code seed*1000+i} so that images built from different seeds share nothing. */
    public static List<Content> layers(long seed, int... sizes) {
        List<Content> layers = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) layers.add(layer(seed * 1000 + i, sizes[i]));
        return layers;
    }

    /**
     * A realistic image config (what {@code docker inspect} shows): created date, platform, Env, Cmd, labels,
     * rootfs diff_ids (here the layer digests, since the test layers are not really compressed) and one
     * history entry per layer plus an empty CMD step. {@code seed} goes into Env so distinct seeds give
     * distinct configs even with equal layers.
     */
    public static Content config(String mediaType, Platform platform, Instant created, List<Content> layers,
            Map<String, String> labels, long seed) {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("architecture", platform.architecture());
        cfg.put("os", platform.os());
        if (platform.variant() != null) cfg.put("variant", platform.variant());
        cfg.put("created", created.toString());
        cfg.put("author", "Berth tests");
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("Env", List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "BERTH_TEST_SEED=" + seed));
        run.put("Cmd", List.of("/bin/sh", "-c", "echo hello from seed " + seed));
        run.put("WorkingDir", "/app");
        run.put("Labels", new LinkedHashMap<>(labels));
        cfg.put("config", run);
        Map<String, Object> rootfs = new LinkedHashMap<>();
        rootfs.put("type", "layers");
        rootfs.put("diff_ids", layers.stream().map(Content::digest).toList());
        cfg.put("rootfs", rootfs);
        List<Map<String, Object>> history = new ArrayList<>();
        // History dates step back from "created", one minute per step, oldest first.
        Instant step = created.minus(Duration.ofMinutes(layers.size()));
        for (int i = 0; i < layers.size(); i++) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("created", step.plus(Duration.ofMinutes(i)).toString());
            h.put("created_by", i == 0
                    ? "/bin/sh -c #(nop) ADD file:" + layers.get(i).digest().substring(7, 71) + " in / "
                    : "RUN /bin/sh -c apk add --no-cache step-" + i + " # buildkit");
            if (i > 0) h.put("comment", "buildkit.dockerfile.v0");
            history.add(h);
        }
        Map<String, Object> cmd = new LinkedHashMap<>();
        cmd.put("created", created.toString());
        cmd.put("created_by", "CMD [\"/bin/sh\" \"-c\" \"echo hello\"]");
        cmd.put("comment", "buildkit.dockerfile.v0");
        cmd.put("empty_layer", true);
        history.add(cmd);
        cfg.put("history", history);
        return Content.of(mediaType, json(cfg));
    }

    // ---------------------------------------------------------------------------------------------------------
    // images

    /** An OCI image for linux/amd64 with layers of the given sizes, everything derived from {@code seed}. */
    public static Image ociImage(long seed, int... layerSizes) {
        return image().seed(seed).layerSizes(layerSizes).build();
    }

    /** A Docker v2 (schema 2) image for linux/amd64 with layers of the given sizes. */
    public static Image dockerImage(long seed, int... layerSizes) {
        return image().docker().seed(seed).layerSizes(layerSizes).build();
    }

    public static ImageBuilder image() {
        return new ImageBuilder();
    }

    /** Builds one image manifest (OCI by default) with its config and layers. */
    public static final class ImageBuilder {
        private boolean docker;
        private long seed = 1;
        private int[] layerSizes = {1024};
        private List<Content> layers;
        private Platform platform = Platform.LINUX_AMD64;
        private Instant created = DEFAULT_CREATED;
        private final Map<String, String> labels = new LinkedHashMap<>();
        private final Map<String, String> annotations = new LinkedHashMap<>();

        private ImageBuilder() {}

        /** Docker v2 media types instead of OCI. */
        public ImageBuilder docker() {
            this.docker = true;
            return this;
        }

        public ImageBuilder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public ImageBuilder layerSizes(int... sizes) {
            this.layerSizes = sizes.clone();
            this.layers = null;
            return this;
        }

        /** Explicit layers (e.g. shared with another image); media types are adjusted to the manifest kind. */
        public ImageBuilder layers(List<Content> layers) {
            this.layers = List.copyOf(layers);
            return this;
        }

        public ImageBuilder platform(Platform platform) {
            this.platform = Objects.requireNonNull(platform);
            return this;
        }

        public ImageBuilder created(Instant created) {
            this.created = created.truncatedTo(ChronoUnit.SECONDS);
            return this;
        }

        public ImageBuilder label(String key, String value) {
            labels.put(key, value);
            return this;
        }

        /** A manifest annotation (OCI only: Docker v2 manifests have no annotations). */
        public ImageBuilder annotation(String key, String value) {
            annotations.put(key, value);
            return this;
        }

        public Image build() {
            String layerType = docker ? DOCKER_LAYER : OCI_LAYER;
            List<Content> ls = (layers != null ? layers : TestImages.layers(seed, layerSizes)).stream()
                    .map(l -> l.withMediaType(layerType)).toList();
            Map<String, String> allLabels = new LinkedHashMap<>();
            allLabels.put("org.opencontainers.image.title", "berth-test-" + seed);
            allLabels.put("org.opencontainers.image.version", "1." + seed);
            allLabels.putAll(labels);
            Content config = config(docker ? DOCKER_CONFIG : OCI_CONFIG, platform, created, ls, allLabels, seed);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("schemaVersion", 2);
            m.put("mediaType", docker ? DOCKER_MANIFEST : OCI_MANIFEST);
            m.put("config", config.descriptor());
            m.put("layers", ls.stream().map(Content::descriptor).toList());
            if (!docker && !annotations.isEmpty()) m.put("annotations", new LinkedHashMap<>(annotations));
            if (docker && !annotations.isEmpty()) throw new IllegalStateException("Docker v2 manifests have no annotations");
            return new Image(Content.of(docker ? DOCKER_MANIFEST : OCI_MANIFEST, json(m)), config, ls, platform, Map.of());
        }
    }

    /**
     * A buildx-style attestation manifest for {@code subject}: an OCI manifest with an in-toto layer, listed in
     * an index under platform unknown/unknown with {@code vnd.docker.reference.type=attestation-manifest}.
     */
    public static Image attestation(Image subject, long seed) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("_type", "https://in-toto.io/Statement/v0.1");
        statement.put("predicateType", "https://spdx.dev/Document");
        statement.put("subject", List.of(ordered("name", "pkg:docker/berth-test@" + seed,
                "digest", ordered("sha256", subject.digest().substring(7)))));
        statement.put("predicate", ordered("spdxVersion", "SPDX-2.3", "name", "sbom-" + seed));
        Content layer = Content.of(IN_TOTO, json(statement));
        Map<String, Object> layerDescriptor = layer.descriptor();
        layerDescriptor.put("annotations", Map.of("in-toto.io/predicate-type", "https://spdx.dev/Document"));
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("architecture", "unknown");
        cfg.put("os", "unknown");
        cfg.put("config", Map.of());
        cfg.put("rootfs", ordered("type", "layers", "diff_ids", List.of(layer.digest())));
        Content config = Content.of(OCI_CONFIG, json(cfg));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schemaVersion", 2);
        m.put("mediaType", OCI_MANIFEST);
        m.put("config", config.descriptor());
        m.put("layers", List.of(layerDescriptor));
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put(REFERENCE_DIGEST, subject.digest());
        entry.put(REFERENCE_TYPE, "attestation-manifest");
        return new Image(Content.of(OCI_MANIFEST, json(m)), config, List.of(layer), Platform.UNKNOWN, entry);
    }

    /**
     * An OCI 1.1 artifact (e.g. a signature or SBOM) referring to {@code subject}: {@code artifactType} set,
     * empty config {@code {}}, one layer of {@code layerMediaType} with {@code payloadSize} random bytes.
     */
    public static Image artifact(Content subject, String artifactType, String layerMediaType, int payloadSize,
            long seed) {
        Content empty = Content.of(OCI_EMPTY, "{}".getBytes(StandardCharsets.UTF_8));
        Content payload = layer(seed, payloadSize).withMediaType(layerMediaType);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schemaVersion", 2);
        m.put("mediaType", OCI_MANIFEST);
        m.put("artifactType", artifactType);
        m.put("config", empty.descriptor());
        m.put("layers", List.of(payload.descriptor()));
        m.put("subject", subject.descriptor());
        m.put("annotations", Map.of(CREATED_ANNOTATION, DEFAULT_CREATED.plusSeconds(seed).toString()));
        return new Image(Content.of(OCI_MANIFEST, json(m)), empty, List.of(payload), null, Map.of());
    }

    // ---------------------------------------------------------------------------------------------------------
    // indexes

    /** An OCI image index over {@code children} (in order), with optional index annotations (written sorted by key). */
    public static Index ociIndex(List<Image> children, Map<String, String> annotations) {
        return index(OCI_INDEX, children, annotations);
    }

    /** A Docker manifest list over {@code children}; Docker lists carry no annotations. */
    public static Index dockerManifestList(List<Image> children) {
        return index(DOCKER_LIST, children, Map.of());
    }

    /**
     * A typical buildx multi-arch result: an OCI index with linux/amd64 and linux/arm64/v8 images, each followed
     * by its attestation manifest, and the {@code org.opencontainers.image.created} annotation.
     */
    public static Index multiArch(long seed, int... layerSizes) {
        Image amd64 = image().seed(seed).layerSizes(layerSizes).platform(Platform.LINUX_AMD64).build();
        Image arm64 = image().seed(seed + 1).layerSizes(layerSizes).platform(Platform.LINUX_ARM64).build();
        return ociIndex(List.of(amd64, arm64, attestation(amd64, seed), attestation(arm64, seed + 1)),
                Map.of(CREATED_ANNOTATION, DEFAULT_CREATED.toString()));
    }

    private static Index index(String mediaType, List<Image> children, Map<String, String> annotations) {
        List<Map<String, Object>> manifests = new ArrayList<>();
        for (Image child : children) {
            Map<String, Object> d = child.manifest().descriptor();
            if (child.platform() != null) d.put("platform", child.platform().json());
            if (!child.indexAnnotations().isEmpty()) {
                if (DOCKER_LIST.equals(mediaType)) throw new IllegalArgumentException("Docker lists carry no annotations");
                d.put("annotations", new LinkedHashMap<>(child.indexAnnotations()));
            }
            manifests.add(d);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schemaVersion", 2);
        m.put("mediaType", mediaType);
        m.put("manifests", manifests);
        // Sorted: a caller's Map.of would otherwise give different bytes in each JVM.
        if (!annotations.isEmpty()) m.put("annotations", new java.util.TreeMap<>(annotations));
        return new Index(Content.of(mediaType, json(m)), List.copyOf(children));
    }

    /**
     * The referrers-tag fallback index (OCI 1.1 for registries without the referrers API): an OCI index whose
     * entries carry the artifacts' {@code artifactType}. Push it under {@link #referrersTag(String)}.
     */
    public static Content referrersIndex(List<Image> artifacts) {
        List<Map<String, Object>> manifests = new ArrayList<>();
        for (Image a : artifacts) {
            Map<String, Object> d = a.manifest().descriptor();
            try {
                Object type = JSON.readTree(a.manifest().bytes()).path("artifactType").asText(null);
                if (type != null) d.put("artifactType", type);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            manifests.add(d);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schemaVersion", 2);
        m.put("mediaType", OCI_INDEX);
        m.put("manifests", manifests);
        return Content.of(OCI_INDEX, json(m));
    }

    /** {@code sha256:abc…} → {@code sha256-abc…}, the tag the referrers fallback uses. */
    public static String referrersTag(String digest) {
        return digest.replace(':', '-');
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Distinct blobs (by digest) of several images, e.g. to know what a push must upload. */
    public static Set<String> distinctBlobDigests(List<Image> images) {
        Set<String> digests = new LinkedHashSet<>();
        images.forEach(i -> i.blobs().forEach(b -> digests.add(b.digest())));
        return digests;
    }

    public static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // Map.of iterates in a per-JVM random order, which would change the bytes and digests from run to run.
    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return map;
    }

    static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
