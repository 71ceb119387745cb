package dev.berth.ui.browser;

import dev.berth.registry.CancelSignal;
import dev.berth.registry.RegistryClient;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Finds how many tags each repository has, reporting in batches (never one callback per repository). */
@FunctionalInterface
public interface TagCountLoader {
    void load(RegistryClient client, List<String> repositories, CancelSignal cancel, Consumer<Map<String, Integer>> batches)
            throws Exception;

    TagCountLoader NONE = (client, repositories, cancel, batches) -> {};
}
