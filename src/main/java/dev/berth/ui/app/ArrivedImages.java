package dev.berth.ui.app;

import dev.berth.jobs.CopyRequest;
import dev.berth.jobs.Place;
import dev.berth.ui.browser.BrowserViewModel;
import dev.berth.ui.browser.RepositoryViewModel;
import dev.berth.ui.common.UiExecutor;
import java.util.List;
import java.util.function.Consumer;

/**
 * When a copy, push or retag job lands an image in a registry, the tree shows it without a manual
 * Refresh: the repository appears under its registry and its tags (and the open tag table) load
 * again; a pull into the local engine lists the local images again. Told on the job's thread; acts
 * on the FX thread.
 */
record ArrivedImages(UiExecutor executor, BrowserViewModel browser, RepositoryViewModel repository) implements Consumer<CopyRequest> {

    @Override
    public void accept(CopyRequest request) {
        executor.onUiThread(() -> arrived(request.to().place()));
    }

    private void arrived(Place place) {
        switch (place) {
            case Place.Registry registry -> browser.imageArrived(registry.connectionId(), registry.repository())
                    .ifPresent(node -> MainViewModel.reload(List.of(node), repository, browser));
            case Place.LocalEngine engine -> browser.refreshLocalImages();
            case Place.OnDisk file -> { } // files and folders are not shown in the tree
        }
    }
}
