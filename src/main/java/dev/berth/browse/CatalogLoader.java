package dev.berth.browse;

import dev.berth.domain.RepositoryName;
import dev.berth.domain.Names;
import dev.berth.domain.Printable;
import dev.berth.work.CancelSignal;
import dev.berth.work.FanOut;
import dev.berth.work.Progress;
import dev.berth.registry.ListingLimits;
import dev.berth.registry.Page;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fills the repository tree: reads the catalog page by page and, while later pages are still
 * coming, counts the tags of each repository with a bounded number of requests in flight.
 * Everything found is reported as {@link CatalogBatch}es through a {@link Progress}, on the thread
 * that called the loader (never two at once), at most one per batch interval, so that tens of
 * thousands of repositories cost a UI a handful of updates, not one per repository.
 *
 * <p>Blocking: call it from a background thread. Cancelling the signal aborts the requests in
 * flight and makes {@link #load} throw {@link CancellationException}; the listener is not called
 * after that.
 */
public final class CatalogLoader {

    /** What the loader may do at once and how often it reports. */
    public record Options(int concurrency, int pageSize, Duration batchInterval, boolean countTags) {

        public static final int DEFAULT_CONCURRENCY = 8;
        /** Distribution's ceiling: it answers 400 PAGINATION_NUMBER_INVALID above 1000. */
        public static final int DEFAULT_PAGE_SIZE = 1000;
        public static final Duration DEFAULT_BATCH_INTERVAL = Duration.ofMillis(100);

        public Options {
            if (concurrency < 1) throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
            if (pageSize < 1) throw new IllegalArgumentException("page size must be at least 1: " + pageSize);
            if (batchInterval.isNegative()) throw new IllegalArgumentException("negative batch interval " + batchInterval);
        }

        public static Options defaults() {
            return new Options(DEFAULT_CONCURRENCY, DEFAULT_PAGE_SIZE, DEFAULT_BATCH_INTERVAL, true);
        }

        public Options withConcurrency(int n) {
            return new Options(n, pageSize, batchInterval, countTags);
        }

        public Options withPageSize(int n) {
            return new Options(concurrency, n, batchInterval, countTags);
        }

        public Options withBatchInterval(Duration interval) {
            return new Options(concurrency, pageSize, interval, countTags);
        }

        /** Off: only the names (one request per page), e.g. to count later only what is expanded. */
        public Options withCountTags(boolean count) {
            return new Options(concurrency, pageSize, batchInterval, count);
        }
    }

    static final int FALLBACK_PAGE_SIZE = 100;
    static final int MAX_PAGES = 10_000;

    private final RegistryClient client;
    private final Options options;

    public CatalogLoader(RegistryClient client) {
        this(client, Options.defaults());
    }

    public CatalogLoader(RegistryClient client, Options options) {
        this.client = client;
        this.options = options;
    }

    /**
     * Lists every repository and counts its tags. Returns {@link CatalogResult.NotListed} when
     * the registry refuses the catalog (401, 403, 404 or UNSUPPORTED on the first page).
     *
     * @throws RegistryException    when the first page fails for another reason (registry down, TLS…)
     * @throws CancellationException when {@code cancel} is cancelled
     */
    public CatalogResult load(Progress<CatalogBatch> listener, CancelSignal cancel) throws RegistryException {
        return new Run(listener, cancel).execute(this::listCatalog);
    }

    /**
     * Counts the tags of repositories known by name (added by hand where the catalog is refused,
     * or expanded lazily when loading ran with counting off). They are reported as listed first.
     */
    public CatalogResult.Listed countTags(Collection<String> repositories, Progress<CatalogBatch> listener, CancelSignal cancel) {
        List<String> names = List.copyOf(new LinkedHashSet<>(repositories));
        try {
            return (CatalogResult.Listed) new Run(listener, cancel).execute((c, sink) -> sink.accept(names));
        } catch (RegistryException e) {
            throw new IllegalStateException("a fixed list cannot fail to list", e);
        }
    }

    // The catalog, page after page (trap T10: bounded, loop-safe, smaller pages when refused).
    private void listCatalog(RegistryClient c, PageSink sink) throws RegistryException {
        Page<String> page;
        try {
            page = c.catalogPage(Optional.empty(), options.pageSize());
        } catch (RegistryException.ProtocolViolation e) {
            if (e.status() != 400 || options.pageSize() <= FALLBACK_PAGE_SIZE) throw e;
            page = c.catalogPage(Optional.empty(), FALLBACK_PAGE_SIZE);
        }
        sink.accept(page.items());
        Set<String> links = new HashSet<>();
        int pages = 1;
        while (page.next().isPresent()) {
            String next = page.next().get();
            if (!links.add(next)) return; // a Link loop: the registry keeps sending us back
            if (++pages > MAX_PAGES) {
                throw new RegistryException.ProtocolViolation("The registry kept sending more pages after " + MAX_PAGES
                        + "; Berth stopped there.");
            }
            page = c.catalogPage(Optional.of(next), 0);
            sink.accept(page.items());
        }
    }

    private interface PageSink {
        void accept(List<String> names) throws RegistryException;
    }

    private interface Source {
        void list(RegistryClient client, PageSink sink) throws RegistryException;
    }

    private sealed interface Event {
        record Listed(List<String> names) implements Event {}

        record Counted(TagCount count) implements Event {}

        record Failed(RepositoryFailure failure) implements Event {}

        record Ended() implements Event {}
    }

    /** One load: a lister task, a counting task per repository ({@code concurrency} at once), and the caller's thread delivering batches. */
    private final class Run {
        private final Progress<CatalogBatch> listener;
        private final CancelSignal cancel;
        private final BatchPump<Event> pump = new BatchPump<>(options.batchInterval());
        private final AtomicReference<RegistryException> refused = new AtomicReference<>();
        private final AtomicReference<RegistryException> firstPageFailure = new AtomicReference<>();
        private final AtomicReference<RegistryException> truncatedBy = new AtomicReference<>();

        // Owned by the delivering (caller's) thread.
        private final List<String> repositories = new ArrayList<>();
        private final Map<String, Integer> counts = new HashMap<>();
        private final Map<String, RegistryException> failures = new HashMap<>();
        private boolean ended;

        Run(Progress<CatalogBatch> listener, CancelSignal cancel) {
            this.listener = listener;
            this.cancel = cancel;
        }

        CatalogResult execute(Source source) throws RegistryException {
            // Closing stops the tasks when the run ends early (cancelled, or the listener threw).
            try (FanOut work = FanOut.open("berth-catalog-", options.concurrency(), cancel, pump::wake)) {
                RegistryClient c = client.withCancel(work.stop());
                work.fork(() -> {
                    list(source, c, work);
                    return null;
                });
                pump.run(work::idle, cancel, this::deliver);
                work.await(RegistryException.class); // only a bug fails a task here: registry errors are results
            }
            if (refused.get() != null) return new CatalogResult.NotListed(refused.get());
            if (firstPageFailure.get() != null) throw firstPageFailure.get();
            return new CatalogResult.Listed(repositories.stream().sorted().toList(), counts, failures,
                    Optional.ofNullable(truncatedBy.get()));
        }

        private void list(Source source, RegistryClient c, FanOut work) {
            Set<String> seen = new HashSet<>();
            ListingLimits.Tally tally = c.catalogLimits().tally("The catalog of " + c.host(), ListingLimits.NARROW_CATALOG);
            AtomicInteger pages = new AtomicInteger();
            try {
                source.list(c, names -> {
                    pages.incrementAndGet();
                    List<String> fresh = new ArrayList<>();
                    try {
                        for (String name : names) {
                            if (seen.contains(name)) continue;
                            tally.add(name); // at the limit: what came so far is still shown, then the error
                            seen.add(name);
                            fresh.add(name);
                        }
                    } finally {
                        if (!fresh.isEmpty()) listed(fresh, c, work);
                    }
                });
            } catch (RegistryException.Unauthorized | RegistryException.Forbidden | RegistryException.NotFound
                     | RegistryException.Unsupported e) {
                if (pages.get() == 0) refused.set(e);
                else truncatedBy.set(e);
            } catch (RegistryException e) {
                if (pages.get() == 0) firstPageFailure.set(e);
                else truncatedBy.set(e);
            } catch (CancellationException e) {
                // cancelled: the pump reports it
            } finally {
                pump.post(new Event.Ended());
            }
        }

        /** New names go to the tree; valid ones to the counters, invalid ones straight to the failures, never requested. */
        private void listed(List<String> fresh, RegistryClient c, FanOut work) {
            pump.post(new Event.Listed(fresh));
            if (!options.countTags()) return;
            for (String name : fresh) {
                Optional<String> problem = Names.repositoryProblem(name);
                if (problem.isEmpty()) work.submit(() -> count(c, name));
                else pump.post(new Event.Failed(new RepositoryFailure(name, new RegistryException.Refused(
                        "The registry listed " + Printable.quoted(name) + ", which is not a valid repository name (" + problem.get()
                                + "); Berth does not open it."))));
            }
        }

        private Void count(RegistryClient c, String repository) {
            try {
                pump.post(new Event.Counted(new TagCount(repository, c.tags(RepositoryName.of(repository)).size())));
            } catch (RegistryException e) {
                pump.post(new Event.Failed(new RepositoryFailure(repository, e)));
            }
            return null;
        }

        private void deliver(List<Event> events) {
            List<String> listed = new ArrayList<>();
            List<TagCount> counted = new ArrayList<>();
            List<RepositoryFailure> failed = new ArrayList<>();
            for (Event event : events) {
                switch (event) {
                    case Event.Listed l -> listed.addAll(l.names());
                    case Event.Counted c -> counted.add(c.count());
                    case Event.Failed f -> failed.add(f.failure());
                    case Event.Ended e -> ended = true;
                }
            }
            repositories.addAll(listed);
            counted.forEach(c -> counts.put(c.repository(), c.count()));
            failed.forEach(f -> failures.put(f.repository(), f.cause()));
            int toCount = options.countTags() ? repositories.size() : 0;
            listener.report(new CatalogBatch(listed, counted, failed,
                    new CatalogProgress(repositories.size(), toCount, counts.size(), failures.size(), ended)));
        }
    }
}
