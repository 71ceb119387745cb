package dev.berth.demo;

import dev.berth.demo.DemoContent.Blob;
import dev.berth.domain.Descriptor;
import dev.berth.domain.MediaType;
import dev.berth.domain.Platform;
import dev.berth.domain.RawBytes;
import dev.berth.format.MalformedContentException;
import dev.berth.format.ManifestParser;
import dev.berth.domain.Manifest;
import dev.berth.store.OciLayout;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The offline demo: small synthetic images in several OCI image layouts, one per repository, in
 * nested folders named like the repository ({@code DIR/team/api/} holds {@code team/api}), which
 * is how {@code dev.berth.store.folder.FolderRegistry} reads a folder of repositories.
 *
 * <p>What it holds, on purpose, so every feature has something to show: repositories in two
 * namespaces, several tags each (release, release-candidate, pull-request and {@code latest}
 * tags, some pointing at the same image), layers shared between images and repositories (the
 * alpine-like base layer), one multi-arch index (linux/amd64 + linux/arm64), configs whose
 * {@code created} dates span eight months, and a signature that refers to an image by OCI 1.1
 * {@code subject}.
 *
 * <p>Deterministic: every date is a fixed distance before {@link #REFERENCE_DATE} (not "now"), and
 * {@link DemoContent} writes the same bytes every time, so two demos have the same digests.
 */
public final class DemoImages {

    /** The demo's "today": every {@code created} date is a whole number of days before it. */
    public static final Instant REFERENCE_DATE = Instant.parse("2026-06-01T12:00:00Z");

    private static final Platform AMD64 = Platform.of("linux", "amd64");
    private static final Platform ARM64 = Platform.of("linux", "arm64", "v8");

    private final Map<String, Repository> repositories = new LinkedHashMap<>();

    private DemoImages() {
        Blob base = DemoContent.layer("etc/os-release", "NAME=\"Demo Linux\"\nVERSION=3.18\n");
        Blob base19 = DemoContent.layer("etc/os-release", "NAME=\"Demo Linux\"\nVERSION=3.19\n");
        Blob base20 = DemoContent.layer("etc/os-release", "NAME=\"Demo Linux\"\nVERSION=3.20\n");
        Blob base20arm = DemoContent.layer("etc/os-release", "NAME=\"Demo Linux\"\nVERSION=3.20\nARCH=aarch64\n");

        Repository alpine = repository("library/alpine");
        alpine.tag(single(base, List.of(), 240, "sh"), "3.18");
        alpine.tag(single(base19, List.of(), 150, "sh"), "3.19");
        Image amd = single(base20, List.of(), 40, "sh");
        Image arm = single(ARM64, base20arm, List.of(), 40, "sh");
        alpine.tagIndex(List.of(amd, arm), "3.20", "latest");

        Repository api = repository("team/api");
        Image api10 = single(base20, List.of(app("api", "1.0.0")), 210, "api --port 8080");
        api.tag(api10, "1.0.0");
        api.tag(single(base20, List.of(app("api", "1.1.0")), 120, "api --port 8080"), "1.1.0");
        Image api12 = single(base20, List.of(app("api", "1.2.0")), 35, "api --port 8080");
        api.tag(api12, "1.2.0", "latest");
        api.tag(single(base20, List.of(app("api", "1.3.0-rc1")), 6, "api --port 8080"), "1.3.0-rc1");
        for (int pr = 101; pr <= 104; pr++) {
            api.tag(single(base20, List.of(app("api", "pr-" + pr)), 100 - pr + 60, "api --port 8080"), "pr-" + pr);
        }
        api.signature(api12, 34);

        Repository web = repository("team/web");
        Blob nginxish = DemoContent.layer("etc/web/server.conf", "listen 80;\nroot /srv/www;\n");
        web.tag(single(base19, List.of(nginxish, app("web", "2.0")), 180, "web-server"), "2.0");
        web.tag(single(base20, List.of(nginxish, app("web", "2.1")), 60, "web-server"), "2.1", "latest");
        web.tag(single(base20, List.of(nginxish, app("web", "main-4f2a9c1")), 3, "web-server"), "main-4f2a9c1");
        web.tag(single(base20, List.of(nginxish, app("web", "main-0be71d2")), 1, "web-server"), "main-0be71d2");

        Repository worker = repository("team/worker");
        worker.tag(single(base, List.of(app("worker", "0.9")), 230, "worker"), "0.9");
        worker.tag(single(base20, List.of(app("worker", "1.0")), 20, "worker"), "1.0", "stable");
    }

    /** The repositories the demo holds, in the order they are written. */
    public static List<String> repositories() {
        return List.copyOf(new DemoImages().repositories.keySet());
    }

    /**
     * Writes the demo into {@code dir}, which must not exist or be empty: into a folder beside it
     * first, renamed to {@code dir} at the end, so a failed or interrupted write leaves no half demo.
     *
     * @throws IOException with words a person understands when {@code dir} holds something
     */
    public static void write(Path dir) throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        if (Files.exists(target) && !isEmptyDirectory(target)) {
            throw new IOException(target + " is not empty: the demo is written only into a new or empty folder, so it never "
                    + "mixes with other files. Choose a folder that does not exist yet.");
        }
        Files.createDirectories(target.getParent());
        Path work = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".berth-demo-");
        try {
            new DemoImages().writeInto(work);
            Files.deleteIfExists(target);
            Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteTree(work);
        }
    }

    private void writeInto(Path root) throws IOException {
        for (Repository repository : repositories.values()) repository.writeInto(root.resolve(repository.name));
    }

    // Building

    private Repository repository(String name) {
        Repository repository = new Repository(name);
        repositories.put(name, repository);
        return repository;
    }

    private static Blob app(String name, String version) {
        return DemoContent.layer("opt/" + name + "/VERSION", name + " " + version + "\n");
    }

    private static Image single(Blob base, List<Blob> app, int daysAgo, String command) {
        return single(AMD64, base, app, daysAgo, command);
    }

    private static Image single(Platform platform, Blob base, List<Blob> app, int daysAgo, String command) {
        List<Blob> layers = new ArrayList<>();
        layers.add(base);
        layers.addAll(app);
        Instant created = REFERENCE_DATE.minus(Duration.ofDays(daysAgo));
        Blob config = DemoContent.config(platform, created, layers, command,
                Map.of("org.opencontainers.image.vendor", "Berth demo"));
        byte[] manifest = DemoContent.imageManifest(config.descriptor(), layers.stream().map(Blob::descriptor).toList(),
                Optional.empty(), Optional.empty(), Map.of());
        return new Image(parse(manifest, MediaType.OCI_MANIFEST), platform, config, layers);
    }

    private static Manifest parse(byte[] bytes, MediaType type) {
        try {
            return ManifestParser.parse(RawBytes.of(bytes), Optional.of(type));
        } catch (MalformedContentException e) {
            throw new IllegalStateException("the demo built a malformed manifest", e);
        }
    }

    private record Image(Manifest manifest, Platform platform, Blob config, List<Blob> layers) {}

    /** One repository's content, written as one OCI layout. */
    private static final class Repository {
        private final String name;
        private final Map<String, Blob> blobs = new LinkedHashMap<>();
        private final List<Manifest> children = new ArrayList<>();
        private final List<Map.Entry<Manifest, Optional<String>>> entries = new ArrayList<>();

        Repository(String name) {
            this.name = name;
        }

        void tag(Image image, String... tags) {
            add(image);
            for (String tag : tags) entries.add(Map.entry(image.manifest(), Optional.of(tag)));
        }

        void tagIndex(List<Image> platforms, String... tags) {
            List<Descriptor> descriptors = new ArrayList<>();
            for (Image image : platforms) {
                add(image);
                children.add(image.manifest());
                descriptors.add(image.manifest().descriptor().withPlatform(image.platform()));
            }
            Manifest index = parse(DemoContent.index(descriptors), MediaType.OCI_INDEX);
            for (String tag : tags) entries.add(Map.entry(index, Optional.of(tag)));
        }

        /** A signature artifact whose subject is {@code image}: listed untagged, found through the referrers API. */
        void signature(Image image, int daysAgo) {
            Blob empty = DemoContent.emptyConfig();
            Blob payload = DemoContent.json(new MediaType("application/vnd.dev.berth.demo.signature.payload.v1+json"), new LinkedHashMap<>(
                    Map.of("subject", image.manifest().digest().toString(), "signer", "release-bot@demo.example")));
            blobs.put(empty.descriptor().digest().toString(), empty);
            blobs.put(payload.descriptor().digest().toString(), payload);
            byte[] bytes = DemoContent.imageManifest(empty.descriptor(), List.of(payload.descriptor()),
                    Optional.of(DemoContent.SIGNATURE_TYPE.value()), Optional.of(image.manifest().descriptor()),
                    Map.of("org.opencontainers.image.created", REFERENCE_DATE.minus(Duration.ofDays(daysAgo)).toString()));
            entries.add(Map.entry(parse(bytes, MediaType.OCI_MANIFEST), Optional.empty()));
        }

        private void add(Image image) {
            blobs.put(image.config().descriptor().digest().toString(), image.config());
            for (Blob layer : image.layers()) blobs.put(layer.descriptor().digest().toString(), layer);
        }

        void writeInto(Path dir) throws IOException {
            OciLayout layout = OciLayout.open(dir);
            try (layout) {
                for (Blob blob : blobs.values()) layout.putBlob(blob.descriptor(), () -> new ByteArrayInputStream(blob.bytes()));
                for (Manifest child : children) layout.putManifest(child);
                for (Map.Entry<Manifest, Optional<String>> entry : entries) layout.putImage(entry.getKey(), entry.getValue());
                layout.commit();
            }
        }
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return false;
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
