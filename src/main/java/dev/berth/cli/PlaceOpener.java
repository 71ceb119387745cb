package dev.berth.cli;

import dev.berth.domain.Reference;
import dev.berth.engine.EngineLocator;
import dev.berth.engine.EngineStore;
import dev.berth.work.CancelSignal;
import dev.berth.registry.RegistryClient;
import dev.berth.store.DockerArchive;
import dev.berth.store.ImageDestination;
import dev.berth.store.ImageSource;
import dev.berth.store.OciArchive;
import dev.berth.store.OciLayout;
import dev.berth.store.RegistryStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** Opens the place an {@link ImageLocation} names, for reading or for writing; registries through {@link CliConnector}. */
final class PlaceOpener {

    private final CliEnvironment environment;
    private final CommandLine commandLine;
    private final CancelSignal cancel;
    /** One for both sides of a copy, so the saved connections are read (and a problem with them said) once. */
    private final CliConnector connector;

    /** Registry clients are bound to {@code cancel}, so a cancel aborts their requests at once. */
    PlaceOpener(CliEnvironment environment, CommandLine commandLine, CancelSignal cancel) {
        this.environment = environment;
        this.commandLine = commandLine;
        this.cancel = cancel;
        this.connector = new CliConnector(environment);
    }

    ImageSource source(ImageLocation location, ConnectionOptions options) throws IOException {
        return switch (location) {
            case ImageLocation.Registry r -> registry(r.reference(), options);
            case ImageLocation.Layout l -> {
                if (!Files.isDirectory(l.dir())) throw new IOException("There is no OCI image layout at " + l.dir() + ".");
                yield OciLayout.open(l.dir());
            }
            case ImageLocation.OciArchive a -> OciArchive.read(a.file());
            case ImageLocation.DockerArchive a -> DockerArchive.read(a.file());
            case ImageLocation.Engine e -> engine();
        };
    }

    ImageDestination destination(ImageLocation location, ConnectionOptions options) throws IOException {
        return switch (location) {
            case ImageLocation.Registry r -> registry(r.reference(), options);
            case ImageLocation.Layout l -> OciLayout.open(l.dir());
            case ImageLocation.OciArchive a -> OciArchive.create(a.file());
            case ImageLocation.DockerArchive a -> DockerArchive.create(a.file());
            case ImageLocation.Engine e -> engine();
        };
    }

    /**
     * The local engine, found as the docker CLI would find it; the images it saves or will load
     * wait in TMPDIR. The engine is given no credentials: the registry side is Berth's.
     */
    private EngineStore engine() throws IOException {
        String tmp = environment.variables().getOrDefault("TMPDIR", System.getProperty("java.io.tmpdir"));
        return EngineStore.owning(new EngineLocator(environment.variables()).connect(), Path.of(tmp));
    }

    private RegistryStore registry(Reference reference, ConnectionOptions options) throws IOException {
        RegistryClient client = connector.connect(commandLine, reference.registry(), reference.apiHost(), options);
        return new RegistryStore(client.withCancel(cancel), reference.repository());
    }
}
