package dev.berth.browse;

import dev.berth.domain.Digest;
import dev.berth.platform.WriteFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Summaries kept across sessions: one small JSON file per registry and digest, under
 * {@code <cacheDir>/summaries/v1/<registry>/<algorithm>/<ab>/<hex>.json}. Content under a digest
 * never changes, so an entry never goes stale; it only takes space, which is bounded: past
 * {@code maxBytes} the least recently used entries go first (a hit refreshes the file's time).
 *
 * <p>Writes go to a temporary file that is then renamed over the entry, so a reader (another
 * thread, or a second Berth) never sees half a file. An entry that cannot be read or parsed, or
 * that holds another digest, counts as absent and is deleted; the scanner then fetches the
 * manifest again and writes a fresh one. A cache that cannot be written is not an error: the
 * scan works without it. Safe for concurrent use.
 */
public final class DiskSummaryCache implements SummaryCache {

    public static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;

    private static final System.Logger LOG = System.getLogger(DiskSummaryCache.class.getName());
    // Space is counted per file system block: 100,000 entries of 900 bytes still fill 100,000 blocks.
    private static final long BLOCK = 4096;
    // Evict down to this share of the bound, so a full cache is not walked again on the next write.
    private static final double LOW_WATER = 0.9;

    private final Path root;
    private final long maxBytes;
    private final Clock clock;
    private final AtomicLong usedBytes = new AtomicLong(-1); // unknown until first measured
    private final Object sizeLock = new Object();

    /** A cache under {@code cacheDir} (the app passes {@code ~/.cache/berth}), bounded by {@link #DEFAULT_MAX_BYTES}. */
    public DiskSummaryCache(Path cacheDir) {
        this(cacheDir, DEFAULT_MAX_BYTES);
    }

    public DiskSummaryCache(Path cacheDir, long maxBytes) {
        this(cacheDir, maxBytes, Clock.systemUTC());
    }

    DiskSummaryCache(Path cacheDir, long maxBytes, Clock clock) {
        if (maxBytes < BLOCK) throw new IllegalArgumentException("a cache bound below " + BLOCK + " bytes holds nothing");
        this.root = cacheDir.resolve("summaries").resolve("v" + SummaryJson.FORMAT);
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    @Override
    public Optional<ImageSummary> get(String registry, Digest digest) {
        Path file = file(registry, digest);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "unreadable summary cache entry " + file + ": " + e);
            discard(file);
            return Optional.empty();
        }
        Optional<ImageSummary> summary = SummaryJson.read(bytes).filter(s -> s.digest().equals(digest));
        if (summary.isEmpty()) {
            LOG.log(System.Logger.Level.DEBUG, "corrupt summary cache entry " + file + " discarded");
            discard(file);
            return Optional.empty();
        }
        touch(file);
        return summary;
    }

    @Override
    public void put(String registry, ImageSummary summary) {
        Path file = file(registry, summary.digest());
        byte[] bytes = SummaryJson.write(summary);
        Path temp = null;
        try {
            temp = createTemp(file.getParent(), summary.digest());
            Files.write(temp, bytes);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } catch (IOException e) {
            // Not an error for the person: the scan has the summary; only the next start fetches it again.
            LOG.log(System.Logger.Level.WARNING, WriteFailure.of(file, e).getMessage());
            return;
        } finally {
            if (temp != null) discard(temp);
        }
        grew(blocks(bytes.length));
    }

    /**
     * A temporary file next to the entry. The directory is created only when missing: trying
     * {@code createDirectories} on every write costs an exception each time the directory exists.
     */
    private static Path createTemp(Path directory, Digest digest) throws IOException {
        String prefix = "." + digest.shortHex() + "-";
        try {
            return Files.createTempFile(directory, prefix, ".tmp");
        } catch (NoSuchFileException missing) {
            Files.createDirectories(directory);
            return Files.createTempFile(directory, prefix, ".tmp");
        }
    }

    /** The space the entries take, in bytes rounded up to file system blocks (walks the cache the first time). */
    public long usedBytes() {
        long used = usedBytes.get();
        return used >= 0 ? used : measure();
    }

    /** Deletes every entry (a "clear cache" action). */
    public void clear() {
        synchronized (sizeLock) {
            for (Entry e : entries()) discard(e.file());
            usedBytes.set(0);
        }
    }

    Path file(String registry, Digest digest) {
        return root.resolve(registryDirectory(registry)).resolve(digest.algorithm()).resolve(digest.hex().substring(0, 2))
                .resolve(digest.hex() + ".json");
    }

    /** A directory name for {@code host[:port]}: case-folded, with ':' and the like escaped, never '.' or '..'. */
    static String registryDirectory(String registry) {
        String name = URLEncoder.encode(registry.toLowerCase(Locale.ROOT), StandardCharsets.UTF_8).replace("*", "%2A");
        return name.startsWith(".") ? "%2E" + name.substring(1) : name;
    }

    private void touch(Path file) {
        try {
            Files.setLastModifiedTime(file, FileTime.from(clock.instant()));
        } catch (IOException e) {
            // Only the eviction order suffers.
        }
    }

    private void grew(long bytes) {
        long used = usedBytes.get() < 0 ? measure() : usedBytes.addAndGet(bytes);
        if (used > maxBytes) evict();
    }

    private long measure() {
        synchronized (sizeLock) {
            if (usedBytes.get() < 0) usedBytes.set(entries().stream().mapToLong(Entry::bytes).sum());
            return usedBytes.get();
        }
    }

    /** Deletes the least recently used entries until the cache is back under its low-water mark. */
    private void evict() {
        synchronized (sizeLock) {
            List<Entry> entries = entries();
            long used = entries.stream().mapToLong(Entry::bytes).sum();
            long target = (long) (maxBytes * LOW_WATER);
            entries.sort(Comparator.comparing(Entry::lastUsed));
            for (Entry e : entries) {
                if (used <= target) break;
                if (discard(e.file())) used -= e.bytes();
            }
            usedBytes.set(used);
        }
    }

    private record Entry(Path file, FileTime lastUsed, long bytes) {}

    private List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        if (!Files.isDirectory(root)) return entries;
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(f -> f.getFileName().toString().endsWith(".json")).forEach(f -> {
                try {
                    BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                    if (a.isRegularFile()) entries.add(new Entry(f, a.lastModifiedTime(), blocks(a.size())));
                } catch (IOException vanished) {
                    // removed by another thread or process while walking
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not walk the summary cache " + root + ": " + e);
        }
        return entries;
    }

    private static long blocks(long size) {
        return Math.max(1, (size + BLOCK - 1) / BLOCK) * BLOCK;
    }

    private static boolean discard(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            return false;
        }
    }
}
