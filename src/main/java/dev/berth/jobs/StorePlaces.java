package dev.berth.jobs;

import dev.berth.engine.EngineLocator;
import dev.berth.engine.EngineStore;
import dev.berth.registry.RegistryClient;
import dev.berth.store.DockerArchive;
import dev.berth.store.ImageDestination;
import dev.berth.store.ImageSource;
import dev.berth.store.OciArchive;
import dev.berth.store.OciLayout;
import dev.berth.store.RegistryStore;
import dev.berth.work.CancelSignal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens places through the store layer; registries through the client of their saved connection,
 * the local engine through {@code engines} (asked afresh each time, so an engine started after the
 * app is found).
 */
public final class StorePlaces implements Places {

    /** The connected client of a saved connection (the app's, with its credentials). */
    @FunctionalInterface
    public interface Connector {
        RegistryClient client(Place.Registry place) throws IOException;
    }

    private final Connector connector;
    private final EngineLocator engines;
    private final Path scratch;

    /** {@code scratch}: where images saved from or loaded into the engine wait while in use. */
    public StorePlaces(Connector connector, EngineLocator engines, Path scratch) {
        this.connector = connector;
        this.engines = engines;
        this.scratch = scratch;
    }

    @Override
    public ImageSource source(Place place, CancelSignal cancel) throws IOException {
        return switch (place) {
            case Place.Registry r -> registry(r, cancel);
            case Place.Layout l -> {
                if (!Files.isDirectory(l.path())) throw new IOException("There is no OCI image layout at " + l.path() + ".");
                yield OciLayout.open(l.path());
            }
            case Place.OciArchiveFile a -> OciArchive.read(a.path());
            case Place.DockerArchiveFile a -> DockerArchive.read(a.path());
            case Place.LocalEngine e -> engine();
        };
    }

    @Override
    public ImageDestination destination(Place place, CancelSignal cancel) throws IOException {
        return switch (place) {
            case Place.Registry r -> registry(r, cancel);
            case Place.Layout l -> OciLayout.open(l.path());
            case Place.OciArchiveFile a -> OciArchive.create(a.path());
            case Place.DockerArchiveFile a -> DockerArchive.create(a.path());
            case Place.LocalEngine e -> engine();
        };
    }

    private EngineStore engine() throws IOException {
        return EngineStore.owning(engines.connect(), scratch);
    }

    private RegistryStore registry(Place.Registry place, CancelSignal cancel) throws IOException {
        return new RegistryStore(connector.client(place).withCancel(cancel), place.repository());
    }
}
