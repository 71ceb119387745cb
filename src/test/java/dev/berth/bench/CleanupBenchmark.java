package dev.berth.bench;

import dev.berth.browse.ImageSummary;
import dev.berth.browse.RepositoryScanner;
import dev.berth.browse.RepositorySnapshot;
import dev.berth.work.Progress;
import dev.berth.browse.SummaryCache;
import dev.berth.browse.TagInfo;
import dev.berth.cleanup.ApplyResult;
import dev.berth.cleanup.CleanupExecutor;
import dev.berth.cleanup.CleanupPlan;
import dev.berth.cleanup.CleanupPlanner;
import dev.berth.cleanup.Journal;
import dev.berth.cleanup.RetentionRules;
import dev.berth.domain.Digest;
import dev.berth.domain.MediaType;
import dev.berth.work.CancelSignal;
import dev.berth.registry.ConnectionSettings;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryClients;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TestImages;
import dev.berth.testing.TestImages.Content;
import dev.berth.testing.TestImages.Image;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Cleanup benchmark (not a unit test; run with bench/cleanup-benchmark.sh):
 * <ol>
 *   <li>planning 10,000 tags with metadata cached (a synthetic snapshot) — budget 1 s;</li>
 *   <li>applying 1,000 deletions against a real Distribution registry on loopback, as a ratio to the
 *       same 1,000 DELETEs sent by a plain keep-alive OkHttp loop. Berth does more per manifest
 *       (a GET by digest for the T1/T6 check and the journal, an fsync'd journal entry before and
 *       after the delete, a tag re-check per repository), which is the price of undo.</li>
 * </ol>
 * Args: {@code [deletions=1000 (0: planning only)] [workDir=target/bench-cleanup]}. Planning is reported as
 * wall time and as the planning thread's CPU time: on a shared 2-core machine the wall time of a
 * cold JVM mostly measures the neighbours and the JIT threads.
 */
public final class CleanupBenchmark {

    private CleanupBenchmark() {}

    public static void main(String[] args) throws Exception {
        int deletions = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Path work = Path.of(args.length > 1 ? args[1] : "target/bench-cleanup").toAbsolutePath();
        Files.createDirectories(work);
        System.out.printf(Locale.ROOT, "java %s, %d cores%n", Runtime.version(), Runtime.getRuntime().availableProcessors());
        planning();
        if (deletions > 0) applying(deletions, work);
    }

    // 1. Planning ------------------------------------------------------------------------------------------------

    static void planning() {
        RepositorySnapshot snapshot = syntheticSnapshot(10_000);
        RetentionRules rules = RetentionRules.keepLast(100).withOlderThan(Duration.ofDays(30)).withProtect("latest", "stable")
                .withExclude("pr-.*");
        Instant now = Instant.parse("2025-06-01T00:00:00Z");
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long firstCpu = cpu.getCurrentThreadCpuTime();
        long first = timeNanos(() -> CleanupPlanner.plan(snapshot, rules, now));
        firstCpu = cpu.getCurrentThreadCpuTime() - firstCpu;
        long[] runs = new long[9];
        long[] cpus = new long[runs.length];
        CleanupPlan plan = null;
        for (int i = 0; i < runs.length; i++) {
            long startCpu = cpu.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            plan = CleanupPlanner.plan(snapshot, rules, now);
            runs[i] = System.nanoTime() - start;
            cpus[i] = cpu.getCurrentThreadCpuTime() - startCpu;
        }
        Arrays.sort(runs);
        Arrays.sort(cpus);
        System.out.printf(Locale.ROOT, "plan: %d tags, %d manifests -> %d deletions, %d tags deleted, reclaimable %d bytes%n",
                snapshot.tags().size(), snapshot.images().size(), plan.deletions().size(),
                plan.tags().stream().filter(t -> t.deleted()).count(), plan.reclaimable().bytes());
        System.out.printf(Locale.ROOT, "plan: first (cold JVM) %.1f ms, median of %d warm %.1f ms, max %.1f ms (budget 1000 ms) %s%n",
                first / 1e6, runs.length, runs[runs.length / 2] / 1e6, runs[runs.length - 1] / 1e6, first < 1_000_000_000L ? "OK" : "OVER BUDGET");
        System.out.printf(Locale.ROOT, "plan: planning thread CPU time: first %.1f ms, median warm %.1f ms; load average %.1f%n",
                firstCpu / 1e6, cpus[cpus.length / 2] / 1e6, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /**
     * 10,000 tags like a busy CI repository: 4,000 single images and 500 two-platform indexes,
     * tags per digest 1-4 (versions, branches, pr-*, latest/stable), 5 layers each from a pool of
     * 300 shared base layers plus own layers.
     */
    static RepositorySnapshot syntheticSnapshot(int tagCount) {
        Map<Digest, ImageSummary> images = new LinkedHashMap<>();
        List<TagInfo> tags = new ArrayList<>();
        java.util.Random random = new java.util.Random(42);
        Instant start = Instant.parse("2023-01-01T00:00:00Z");
        List<Digest> tagged = new ArrayList<>();
        for (int i = 0; i < 4_000; i++) {
            Digest d = digest("image-" + i);
            images.put(d, image(d, start.plus(Duration.ofHours(3L * i)), random, i));
            tagged.add(d);
        }
        for (int i = 0; i < 500; i++) {
            Digest a = digest("child-a-" + i);
            Digest b = digest("child-b-" + i);
            Instant created = start.plus(Duration.ofHours(3L * i + 1));
            ImageSummary ca = image(a, created, random, 10_000 + i);
            ImageSummary cb = image(b, created, random, 20_000 + i);
            images.put(a, ca);
            images.put(b, cb);
            Map<Digest, Long> blobs = new LinkedHashMap<>(ca.blobs());
            blobs.putAll(cb.blobs());
            Digest index = digest("index-" + i);
            images.put(index, new ImageSummary(index, MediaType.OCI_INDEX, blobs.values().stream().mapToLong(Long::longValue).sum(),
                    Optional.of(created), List.of(), blobs, List.of(a, b), Optional.empty(), Optional.empty()));
            tagged.add(index);
        }
        int t = 0;
        for (int i = 0; tags.size() < tagCount; i++) {
            Digest d = tagged.get(i % tagged.size());
            String name = switch (i / tagged.size()) {
                case 0 -> "1." + (i / 100) + "." + (i % 100);
                case 1 -> "main-" + Integer.toHexString(i * 7919);
                default -> "pr-" + (t++);
            };
            tags.add(new TagInfo("bench/app", name, d));
        }
        tags.add(new TagInfo("bench/app", "latest", tagged.get(3_999)));
        return new RepositorySnapshot("bench.local:5000", "bench/app", tags, images);
    }

    private static ImageSummary image(Digest d, Instant created, java.util.Random random, int i) {
        Map<Digest, Long> blobs = new LinkedHashMap<>();
        blobs.put(digest("config-" + i), 1_500L);
        for (int l = 0; l < 3; l++) blobs.put(digest("base-" + random.nextInt(300)), 20_000_000L);
        blobs.put(digest("own-" + i + "-a"), 1_000_000L + random.nextInt(1_000_000));
        blobs.put(digest("own-" + i + "-b"), 50_000L);
        return new ImageSummary(d, MediaType.OCI_MANIFEST, blobs.values().stream().mapToLong(Long::longValue).sum(), Optional.of(created),
                List.of(), blobs, List.of(), Optional.empty(), Optional.empty());
    }

    private static Digest digest(String name) {
        return Digest.sha256(name.getBytes(StandardCharsets.UTF_8));
    }

    // 2. Applying ------------------------------------------------------------------------------------------------

    static void applying(int count, Path work) throws Exception {
        try (RegistryServer registry = RegistryServer.builder(work).start()) {
            RegistrySeeder seeder = RegistrySeeder.of(registry);
            Content layer = TestImages.layer(1, 512);
            List<Image> images = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                images.add(TestImages.image().seed(100_000 + i).layers(List.of(layer))
                        .created(Instant.parse("2024-01-01T00:00:00Z").plusSeconds(i)).build());
            }
            long seedStart = System.nanoTime();
            for (String repo : List.of("bench/plain", "bench/berth1", "bench/berth4")) {
                for (int i = 0; i < count; i++) seeder.pushImage(repo, "t" + i, images.get(i));
            }
            System.out.printf(Locale.ROOT, "apply: seeded 3 x %d images in %.1f s%n", count, (System.nanoTime() - seedStart) / 1e9);

            double plainMs = plainLoop(registry, images);
            RegistryClient client = new RegistryClients().connect(ConnectionSettings.of(registry.hostPort()).withPlainHttp(true, false));
            double berth1 = berth(client, "bench/berth1", 1, work, count);
            double berth4 = berth(client, "bench/berth4", 4, work, count);
            System.out.printf(Locale.ROOT, "apply: plain OkHttp keep-alive DELETE loop: %.0f ms (%.2f ms/delete)%n", plainMs, plainMs / count);
            System.out.printf(Locale.ROOT, "apply: berth, concurrency 1: %.0f ms -> ratio %.2f%n", berth1, berth1 / plainMs);
            System.out.printf(Locale.ROOT, "apply: berth, concurrency 4: %.0f ms -> ratio %.2f%n", berth4, berth4 / plainMs);
        }
    }

    static double plainLoop(RegistryServer registry, List<Image> images) throws Exception {
        OkHttpClient http = new OkHttpClient.Builder().build();
        long start = System.nanoTime();
        for (Image image : images) {
            Request delete = new Request.Builder().url(registry.baseUrl() + "/v2/bench/plain/manifests/" + image.digest()).delete().build();
            try (Response response = http.newCall(delete).execute()) {
                if (response.code() != 202) throw new IllegalStateException("plain DELETE -> " + response.code());
            }
        }
        return (System.nanoTime() - start) / 1e6;
    }

    static double berth(RegistryClient client, String repository, int concurrency, Path work, int count) throws Exception {
        long scanStart = System.nanoTime();
        RepositorySnapshot snapshot = new RepositoryScanner(SummaryCache.none()).scan(client, repository, Progress.none());
        double scanMs = (System.nanoTime() - scanStart) / 1e6;
        CleanupPlan plan = CleanupPlanner.plan(snapshot, RetentionRules.keepLast(0).withInclude("t.*"), Instant.now());
        if (plan.deletions().size() != count) throw new IllegalStateException("planned " + plan.deletions().size());
        Journal journal = new Journal(work.resolve("journal-" + concurrency));
        long start = System.nanoTime();
        ApplyResult result = new CleanupExecutor(client, journal, concurrency).apply(plan, Progress.none(), CancelSignal.none());
        double ms = (System.nanoTime() - start) / 1e6;
        if (result.deleted() != count) throw new IllegalStateException("deleted " + result.deleted() + ": " + result.stopReason());
        System.out.printf(Locale.ROOT, "apply: %s scanned in %.0f ms (not timed below), applied with concurrency %d in %.0f ms%n",
                repository, scanMs, concurrency, ms);
        return ms;
    }

    private static long timeNanos(Runnable r) {
        long start = System.nanoTime();
        r.run();
        return System.nanoTime() - start;
    }
}
