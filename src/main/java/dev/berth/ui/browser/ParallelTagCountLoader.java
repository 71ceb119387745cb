package dev.berth.ui.browser;

import dev.berth.registry.CancelSignal;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/** Tag counts with bounded concurrency, reported in batches; a repository that fails is skipped. */
public final class ParallelTagCountLoader implements TagCountLoader {

    private static final int BATCH = 100;
    private final int concurrency;

    public ParallelTagCountLoader(int concurrency) {
        this.concurrency = concurrency;
    }

    @Override
    public void load(RegistryClient client, List<String> repositories, CancelSignal cancel,
            Consumer<Map<String, Integer>> batches) throws InterruptedException {
        Semaphore permits = new Semaphore(concurrency);
        Map<String, Integer> pending = new HashMap<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String repository : repositories) {
                if (cancel.isCancelled()) break;
                permits.acquire();
                threads.execute(() -> {
                    try {
                        int count = client.tags(repository).size();
                        Map<String, Integer> batch = null;
                        synchronized (pending) {
                            pending.put(repository, count);
                            if (pending.size() >= BATCH) {
                                batch = Map.copyOf(pending);
                                pending.clear();
                            }
                        }
                        if (batch != null) batches.accept(batch);
                    } catch (RegistryException | RuntimeException e) {
                        // The count stays unknown for this repository; expanding it shows the error.
                    } finally {
                        permits.release();
                    }
                });
            }
        }
        synchronized (pending) {
            if (!pending.isEmpty()) batches.accept(Map.copyOf(pending));
        }
    }
}
