package dev.berth.ui.jobs;

import dev.berth.engine.Engine;
import dev.berth.engine.EngineLocator;
import dev.berth.engine.LocalImage;
import dev.berth.ui.common.UiExecutor;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Looks for the local Docker or Podman engine and lists its images, off the FX thread (a socket
 * that nothing answers may keep the look-up for seconds); the answer comes back on the FX thread.
 */
public final class EngineProbe {

    private final UiExecutor executor;
    private final EngineLocator engines;

    public EngineProbe(UiExecutor executor, EngineLocator engines) {
        this.executor = executor;
        this.engines = engines;
    }

    /**
     * {@code found}: the names of the engine's images ({@code REPO:TAG}, or the id of an untagged
     * one), sorted; {@code absent}: why there is no engine and what to start, in plain words.
     */
    public void images(Consumer<List<String>> found, Consumer<String> absent) {
        executor.submit("Look for the local Docker or Podman engine", (cancel, progress) -> {
            try (Engine engine = engines.connect()) {
                return names(engine.images());
            }
        }, found, error -> absent.accept(error.getMessage() == null ? "The local engine did not answer." : error.getMessage()));
    }

    static List<String> names(List<LocalImage> images) {
        TreeSet<String> names = new TreeSet<>();
        for (LocalImage image : images) {
            if (image.repoTags().isEmpty()) names.add(image.id());
            names.addAll(image.repoTags());
        }
        return List.copyOf(names);
    }
}
