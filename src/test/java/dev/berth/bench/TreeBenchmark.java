package dev.berth.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.browse.CatalogBatch;
import dev.berth.browse.CatalogLoader;
import dev.berth.browse.CatalogResult;
import dev.berth.browse.DiskSummaryCache;
import dev.berth.browse.RepositoryScanner;
import dev.berth.browse.RepositorySnapshot;
import dev.berth.work.Progress;
import dev.berth.work.CancelSignal;
import dev.berth.registry.ConnectionSettings;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryClients;
import dev.berth.registry.RegistryException;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TestImages;
import dev.berth.testing.TestImages.Content;
import dev.berth.testing.TestImages.Image;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The browse benchmark of the issue (not a unit test): a real Distribution registry with
 * {@code repos} repositories of {@code tags} tags each, and for each measurement a plain
 * keep-alive OkHttp loop making the minimum requests, run side by side (alternating, median of
 * {@code rounds} for the tree and {@code meta-rounds} for metadata, after a warm-up round).
 *
 * <ul>
 *   <li>Tree: {@link CatalogLoader} (names and tag counts) vs. catalog pages + one tags/list per
 *       repository, one request after the other.
 *   <li>Metadata: {@link RepositoryScanner} + {@link DiskSummaryCache}, every repository in turn,
 *       cold (empty cache) and warm (a new cache instance on the same directory and a new
 *       connection, as after a restart) vs. tags/list + HEAD per tag + GET manifest and GET config
 *       per distinct digest (the warm minimum: tags/list + HEAD per tag).
 * </ul>
 *
 * Run with {@code bench/tree-benchmark.sh [--repos N] [--tags N] [--rounds N] [--meta-rounds N] [--big N]}.
 */
public final class TreeBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCEPT = String.join(", ", TestImages.OCI_INDEX, TestImages.OCI_MANIFEST,
            TestImages.DOCKER_LIST, TestImages.DOCKER_MANIFEST);
    /** Five tags: four versions (semver order differs from text order) and latest on the newest. */
    private static final List<String> VERSIONS = List.of("1.0.0", "1.1.0", "1.9.2", "1.10.0", "1.11.0", "2.0.0", "2.1.0");

    private final int repos;
    private final int tagsPerRepo;
    private final int rounds;
    private final int metaRounds;
    private final int bigTags;
    private final Path work;
    private RegistryServer registry;
    private List<String> repositories;
    private final StringBuilder report = new StringBuilder();

    private TreeBenchmark(int repos, int tagsPerRepo, int rounds, int metaRounds, int bigTags, Path work) {
        if (tagsPerRepo < 2 || tagsPerRepo > VERSIONS.size() + 1) {
            throw new IllegalArgumentException("tags per repository: 2.." + (VERSIONS.size() + 1));
        }
        this.repos = repos;
        this.tagsPerRepo = tagsPerRepo;
        this.rounds = rounds;
        this.metaRounds = metaRounds;
        this.bigTags = bigTags;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        int repos = intArg(args, "--repos", 2000);
        int tags = intArg(args, "--tags", 5);
        int rounds = intArg(args, "--rounds", 5);
        int metaRounds = intArg(args, "--meta-rounds", 3);
        int big = intArg(args, "--big", 1000);
        Path work = Path.of(stringArg(args, "--work", "target/bench-work")).toAbsolutePath();
        Files.createDirectories(work);
        TreeBenchmark bench = new TreeBenchmark(repos, tags, rounds, metaRounds, big, work);
        try {
            bench.run();
        } finally {
            bench.close();
        }
        System.exit(0); // OkHttp's idle threads would otherwise keep the JVM up for a minute
    }

    private void run() throws Exception {
        line("Berth browse benchmark, " + Instant.now().toString().substring(0, 19) + "Z");
        line("JVM " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " processors, "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        registry = RegistryServer.builder(work).start();
        line("Registry: Distribution at " + registry.baseUrl() + " (" + RegistryServer.registryBinary() + ")");

        long seedStart = System.nanoTime();
        repositories = seed();
        line("Seeded %d repositories x %d tags (%d distinct manifests each) in %.1f s".formatted(repos, tagsPerRepo,
                tagsPerRepo - 1, seconds(System.nanoTime() - seedStart)));
        line("");

        tree();
        metadata();
        if (bigTags > 0) bigRepository();
        Path out = work.resolve("results.md");
        Files.writeString(out, report);
        System.out.println("\n(written to " + out + ")");
    }

    private void close() {
        if (registry != null) registry.close();
    }

    // ---------------------------------------------------------------------------------------------------------
    // seeding

    /**
     * Pushes the repositories four at a time. One shared 512-byte layer is uploaded once and
     * mounted into every other repository (one request); each image has its own config (two
     * requests: POST, PUT) and manifest; the last tag, latest, points at the newest version.
     */
    private List<String> seed() throws Exception {
        OkHttpClient http = new OkHttpClient.Builder().connectionPool(new ConnectionPool(8, 1, TimeUnit.MINUTES)).build();
        RegistrySeeder seeder = RegistrySeeder.of(registry.baseUrl(), http);
        Content layer = TestImages.layer(4242, 512);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < repos; i++) names.add("team-%02d/svc-%04d".formatted(i % 40, i));
        seeder.pushBlob(names.getFirst(), layer);
        AtomicInteger done = new AtomicInteger();
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                int index = i;
                work.add(threads.submit(() -> {
                    String repo = names.get(index);
                    if (index > 0) mount(http, repo, layer.digest(), names.getFirst());
                    Content last = null;
                    for (int v = 0; v < tagsPerRepo - 1; v++) {
                        Image image = TestImages.image().seed(index * 100L + v).layers(List.of(layer))
                                .label("bench.repository", repo).build();
                        upload(http, repo, image.config());
                        seeder.putManifest(repo, VERSIONS.get(v), image.manifest());
                        last = image.manifest();
                    }
                    seeder.putManifest(repo, "latest", last);
                    int n = done.incrementAndGet();
                    if (n % 500 == 0) System.out.println("  seeded " + n + "/" + names.size());
                    return null;
                }));
            }
            for (Future<?> f : work) f.get();
        }
        return names;
    }

    private void mount(OkHttpClient http, String repo, String digest, String from) {
        HttpUrl url = HttpUrl.get(registry.baseUrl()).newBuilder().addPathSegments("v2/" + repo + "/blobs/uploads/")
                .addQueryParameter("mount", digest).addQueryParameter("from", from).build();
        try (Response r = http.newCall(new Request.Builder().url(url).post(RequestBody.create(new byte[0])).build()).execute()) {
            if (r.code() != 201) throw new IllegalStateException("mount into " + repo + " → " + r.code());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A monolithic upload without the existence check the test seeder makes (the content is new). */
    private void upload(OkHttpClient http, String repo, Content blob) {
        HttpUrl start = HttpUrl.get(registry.baseUrl()).newBuilder().addPathSegments("v2/" + repo + "/blobs/uploads/").build();
        HttpUrl location;
        try (Response r = http.newCall(new Request.Builder().url(start).post(RequestBody.create(new byte[0])).build()).execute()) {
            if (r.code() != 202) throw new IllegalStateException("upload start " + repo + " → " + r.code());
            location = r.request().url().resolve(r.header("Location"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpUrl finish = location.newBuilder().addQueryParameter("digest", blob.digest()).build();
        try (Response r = http.newCall(new Request.Builder().url(finish)
                .put(RequestBody.create(blob.bytes(), MediaType.get("application/octet-stream"))).build()).execute()) {
            if (r.code() != 201) throw new IllegalStateException("upload " + repo + " → " + r.code());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // (a) the tree

    private void tree() throws Exception {
        line("## (a) Tree: " + repos + " repositories with tag counts");
        line("");
        AtomicInteger batches = new AtomicInteger();
        // Warm-up: JIT and the registry's file system caches, for both sides alike.
        treeBaseline();
        treeOurs(batches);
        Sample[] base = new Sample[rounds];
        Sample[] ours = new Sample[rounds];
        for (int r = 0; r < rounds; r++) {
            batches.set(0);
            if (r % 2 == 0) {
                base[r] = treeBaseline();
                ours[r] = treeOurs(batches);
            } else {
                ours[r] = treeOurs(batches);
                base[r] = treeBaseline();
            }
        }
        header();
        row("baseline: catalog pages + tags/list per repository, plain OkHttp, one request at a time", base, base);
        row("CatalogLoader: 8 tag counts in flight, pages of 1000", ours, base);
        line("");
        line("Tree: **%.2f x** baseline (median wall time; target <= 1.5 x). Batches delivered to the listener per load: %d."
                .formatted(wall(ours) / wall(base), batches.get()));
        line("");
    }

    /** Catalog pages, then one tags/list per repository, one request after the other. */
    private Sample treeBaseline() throws IOException {
        Counter requests = new Counter();
        OkHttpClient http = plainClient(requests);
        Stopwatch watch = Stopwatch.start();
        List<String> names = new ArrayList<>();
        HttpUrl next = HttpUrl.get(registry.baseUrl() + "/v2/_catalog?n=1000");
        while (next != null) {
            try (Response r = http.newCall(new Request.Builder().url(next).build()).execute()) {
                JsonNode body = JSON.readTree(r.body().byteStream());
                body.path("repositories").forEach(n -> names.add(n.asText()));
                String link = r.header("Link");
                next = link == null ? null : r.request().url().resolve(link.substring(link.indexOf('<') + 1, link.indexOf('>')));
            }
        }
        long tags = 0;
        for (String name : names) {
            HttpUrl url = HttpUrl.get(registry.baseUrl()).newBuilder().addPathSegments("v2/" + name + "/tags/list").build();
            try (Response r = http.newCall(new Request.Builder().url(url).build()).execute()) {
                tags += JSON.readTree(r.body().byteStream()).path("tags").size();
            }
        }
        Sample sample = watch.stop(requests);
        check(names.size() == repos && tags == (long) repos * tagsPerRepo, "baseline tree saw " + names.size() + "/" + tags);
        return sample;
    }

    private Sample treeOurs(AtomicInteger batches) throws RegistryException {
        Counter requests = new Counter();
        RegistryClient client = connect(requests);
        AtomicLong tags = new AtomicLong();
        Stopwatch watch = Stopwatch.start();
        CatalogResult result = new CatalogLoader(client).load((CatalogBatch b) -> {
            batches.incrementAndGet();
            b.tagCounts().forEach(c -> tags.addAndGet(c.count()));
        }, CancelSignal.none());
        Sample sample = watch.stop(requests);
        CatalogResult.Listed listed = (CatalogResult.Listed) result;
        check(listed.repositories().size() == repos && listed.tagCounts().size() == repos
                && tags.get() == (long) repos * tagsPerRepo, "CatalogLoader saw " + listed.repositories().size() + "/" + tags);
        return sample;
    }

    // ---------------------------------------------------------------------------------------------------------
    // (b) metadata

    private void metadata() throws Exception {
        int manifests = repos * (tagsPerRepo - 1);
        line("## (b) Metadata: every tag of all " + repos + " repositories (" + repos * tagsPerRepo + " tags, "
                + manifests + " distinct manifests)");
        line("");
        line("Repositories are scanned one after the other, as the tag table loads them; each scan runs up to 8 requests at "
                + "once. Cold = empty disk cache; warm = a new DiskSummaryCache on the same directory and a new connection "
                + "(as after restarting the app).");
        line("");
        metadataBaseline(repositories, false, manifests); // warm-up
        scanAll(repositories, freshCacheDir(), new long[repos], manifests);

        Sample[] base = new Sample[metaRounds];
        Sample[] baseWarm = new Sample[metaRounds];
        Sample[] cold = new Sample[metaRounds];
        Sample[] warm = new Sample[metaRounds];
        long[] perRepoWarm = new long[repos];
        long[] allPerRepoWarm = new long[metaRounds * repos];
        for (int r = 0; r < metaRounds; r++) {
            Path cacheDir = freshCacheDir();
            if (r % 2 == 0) {
                base[r] = metadataBaseline(repositories, false, manifests);
                baseWarm[r] = metadataBaseline(repositories, true, manifests);
                cold[r] = scanAll(repositories, cacheDir, new long[repos], manifests);
                warm[r] = scanAll(repositories, cacheDir, perRepoWarm, manifests);
            } else {
                cold[r] = scanAll(repositories, cacheDir, new long[repos], manifests);
                warm[r] = scanAll(repositories, cacheDir, perRepoWarm, manifests);
                baseWarm[r] = metadataBaseline(repositories, true, manifests);
                base[r] = metadataBaseline(repositories, false, manifests);
            }
            System.arraycopy(perRepoWarm, 0, allPerRepoWarm, r * repos, repos);
        }
        header();
        row("baseline: tags/list + HEAD per tag + GET manifest + GET config per distinct digest", base, base);
        row("RepositoryScanner + DiskSummaryCache, cold", cold, base);
        row("baseline, warm minimum: tags/list + HEAD per tag", baseWarm, base);
        row("RepositoryScanner + DiskSummaryCache, warm", warm, base);
        line("");
        line("Cold: **%.2f x** the baseline. Warm: **%.2f x** the cold baseline, **%.2f x** the warm-minimum loop.".formatted(
                wall(cold) / wall(base), wall(warm) / wall(base), wall(warm) / wall(baseWarm)));
        Arrays.sort(allPerRepoWarm);
        line("Warm, one repository (%d tags) as the tag table opens it, over %d scans: median %.1f ms, p95 %.1f ms, max %.1f ms "
                .formatted(tagsPerRepo, allPerRepoWarm.length, ms(percentile(allPerRepoWarm, 50)),
                        ms(percentile(allPerRepoWarm, 95)), ms(allPerRepoWarm[allPerRepoWarm.length - 1]))
                + "(target <= 300 ms).");
        line("");
    }

    /**
     * The minimum a client makes for the metadata, one request after the other: tags/list, a HEAD
     * per tag, then (unless {@code headsOnly}) a manifest GET and a config GET per distinct digest.
     */
    private Sample metadataBaseline(List<String> repos, boolean headsOnly, long expectedManifests) throws IOException {
        Counter requests = new Counter();
        OkHttpClient http = plainClient(requests);
        HttpUrl base = HttpUrl.get(registry.baseUrl());
        Stopwatch watch = Stopwatch.start();
        long manifests = 0;
        for (String repo : repos) {
            List<String> tags = new ArrayList<>();
            try (Response r = http.newCall(new Request.Builder().url(base.newBuilder().addPathSegments("v2/" + repo + "/tags/list")
                    .build()).build()).execute()) {
                JSON.readTree(r.body().byteStream()).path("tags").forEach(t -> tags.add(t.asText()));
            }
            Set<String> digests = new LinkedHashSet<>();
            for (String tag : tags) {
                HttpUrl url = base.newBuilder().addPathSegments("v2/" + repo + "/manifests/" + tag).build();
                try (Response r = http.newCall(new Request.Builder().url(url).head().header("Accept", ACCEPT).build()).execute()) {
                    digests.add(r.header("Docker-Content-Digest"));
                }
            }
            manifests += digests.size();
            if (headsOnly) continue;
            for (String digest : digests) {
                String config;
                HttpUrl url = base.newBuilder().addPathSegments("v2/" + repo + "/manifests/" + digest).build();
                try (Response r = http.newCall(new Request.Builder().url(url).header("Accept", ACCEPT).build()).execute()) {
                    config = JSON.readTree(r.body().bytes()).path("config").path("digest").asText();
                }
                HttpUrl blob = base.newBuilder().addPathSegments("v2/" + repo + "/blobs/" + config).build();
                try (Response r = http.newCall(new Request.Builder().url(blob).build()).execute()) {
                    check(r.body().bytes().length > 0, "empty config " + config);
                }
            }
        }
        Sample sample = watch.stop(requests);
        check(manifests == expectedManifests, "baseline saw " + manifests + " distinct manifests");
        return sample;
    }

    private Sample scanAll(List<String> repos, Path cacheDir, long[] perRepo, long expectedManifests) throws RegistryException {
        Counter requests = new Counter();
        RegistryClient client = connect(requests);
        RepositoryScanner scanner = new RepositoryScanner(new DiskSummaryCache(cacheDir));
        Stopwatch watch = Stopwatch.start();
        long images = 0;
        for (int i = 0; i < repos.size(); i++) {
            long repoStart = System.nanoTime();
            RepositorySnapshot snapshot = scanner.scan(client, repos.get(i), Progress.none());
            perRepo[i] = System.nanoTime() - repoStart;
            images += snapshot.images().size();
        }
        Sample sample = watch.stop(requests);
        check(images == expectedManifests, "scanner loaded " + images + " images");
        return sample;
    }

    // ---------------------------------------------------------------------------------------------------------
    // one large repository

    /** One repository with {@code bigTags} tags on {@code bigTags / 2} distinct images, cold and warm. */
    private void bigRepository() throws Exception {
        String repo = "big/monorepo";
        OkHttpClient http = new OkHttpClient();
        RegistrySeeder seeder = RegistrySeeder.of(registry.baseUrl(), http);
        Content layer = TestImages.layer(4242, 512);
        mount(http, repo, layer.digest(), repositories.getFirst());
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < bigTags / 2; i++) {
                int index = i;
                work.add(threads.submit(() -> {
                    Image image = TestImages.image().seed(9_000_000L + index).layers(List.of(layer)).build();
                    upload(http, repo, image.config());
                    seeder.putManifest(repo, "1." + index + ".0", image.manifest());
                    seeder.putManifest(repo, "build-" + index, image.manifest());
                    return null;
                }));
            }
            for (Future<?> f : work) f.get();
        }
        line("## A single large repository: " + bigTags + " tags on " + bigTags / 2 + " distinct images");
        line("");
        List<String> one = List.of(repo);
        long images = bigTags / 2;
        metadataBaseline(one, false, images); // warm-up
        scanAll(one, freshCacheDir(), new long[1], images);
        Sample[] base = new Sample[rounds];
        Sample[] baseWarm = new Sample[rounds];
        Sample[] cold = new Sample[rounds];
        Sample[] warm = new Sample[rounds];
        for (int r = 0; r < rounds; r++) {
            Path dir = freshCacheDir();
            base[r] = metadataBaseline(one, false, images);
            cold[r] = scanAll(one, dir, new long[1], images);
            warm[r] = scanAll(one, dir, new long[1], images);
            baseWarm[r] = metadataBaseline(one, true, images);
        }
        header();
        row("baseline: tags/list + HEAD per tag + GET manifest + GET config per distinct digest", base, base);
        row("RepositoryScanner + DiskSummaryCache, cold", cold, base);
        row("baseline, warm minimum: tags/list + HEAD per tag", baseWarm, base);
        row("RepositoryScanner + DiskSummaryCache, warm", warm, base);
        line("");
    }

    // ---------------------------------------------------------------------------------------------------------

    /** What the app does: one RegistryClients, a plain-http loopback connection; the counter sees every request. */
    private RegistryClient connect(Counter requests) throws RegistryException {
        return new RegistryClients().connect(ConnectionSettings.of(registry.hostPort()).withPlainHttp(true, false),
                new OkHttpClient.Builder().connectionPool(new ConnectionPool(16, 5, TimeUnit.MINUTES))
                        .addNetworkInterceptor(requests));
    }

    /** The baseline's client: OkHttp's defaults (keep-alive pool), a fresh one per run like ours. */
    private static OkHttpClient plainClient(Counter requests) {
        return new OkHttpClient.Builder().addNetworkInterceptor(requests).build();
    }

    private Path freshCacheDir() throws IOException {
        return Files.createTempDirectory(work, "cache-");
    }

    /** Counts requests on the wire. */
    private static final class Counter implements okhttp3.Interceptor {
        private final AtomicLong count = new AtomicLong();

        @Override
        public Response intercept(Chain chain) throws IOException {
            count.incrementAndGet();
            return chain.proceed(chain.request());
        }

        long get() {
            return count.get();
        }

        void reset() {
            count.set(0);
        }
    }

    /** One measured run: wall time, CPU time of this JVM (the client side; the registry is another process), requests. */
    private record Sample(long wallNanos, long cpuNanos, long requests) {}

    private record Stopwatch(long wall, long cpu) {
        static Stopwatch start() {
            return new Stopwatch(System.nanoTime(), processCpu());
        }

        Sample stop(Counter requests) {
            return new Sample(System.nanoTime() - wall, processCpu() - cpu, requests.get());
        }

        private static long processCpu() {
            return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }
    }

    private void header() {
        line("| run | requests | wall median | wall min | wall max | client CPU (median) | wall vs. baseline |");
        line("|---|---:|---:|---:|---:|---:|---:|");
    }

    private void row(String name, Sample[] samples, Sample[] base) {
        long[] walls = Arrays.stream(samples).mapToLong(Sample::wallNanos).toArray();
        long[] cpus = Arrays.stream(samples).mapToLong(Sample::cpuNanos).toArray();
        line("| %s | %d | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.2f |".formatted(name, samples[0].requests(),
                ms(median(walls)), ms(min(walls)), ms(max(walls)), ms(median(cpus)), wall(samples) / wall(base)));
    }

    private static double wall(Sample[] samples) {
        return median(Arrays.stream(samples).mapToLong(Sample::wallNanos).toArray());
    }

    private void line(String text) {
        System.out.println(text);
        report.append(text).append('\n');
    }

    private static void check(boolean ok, String what) {
        if (!ok) throw new IllegalStateException("benchmark sanity check failed: " + what);
    }

    private static double median(long[] values) {
        return percentile(values.clone(), 50);
    }

    private static double percentile(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double min(long[] values) {
        return Arrays.stream(values).min().orElse(0);
    }

    private static double max(long[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

    private static double ms(double nanos) {
        return nanos / 1e6;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static int intArg(String[] args, String name, int fallback) {
        return Integer.parseInt(stringArg(args, name, Integer.toString(fallback)));
    }

    private static String stringArg(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) if (args[i].equals(name)) return args[i + 1];
        return fallback;
    }

    static {
        Locale.setDefault(Locale.ROOT); // decimal points, not commas, in the report
    }
}
