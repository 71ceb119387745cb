package dev.berth.demo;

import dev.berth.registry.ConnectionSettings;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryClients;
import dev.berth.registry.RegistryException;
import dev.berth.store.FolderRegistry;
import java.io.IOException;
import java.nio.file.Path;
import okhttp3.OkHttpClient;

/** For tests: the demo written into a folder, and a registry client answered by that folder in-process. */
public final class DemoFolders {

    private DemoFolders() {}

    /** Writes the demo into {@code dir} and connects to it. */
    public static RegistryClient written(Path dir) throws IOException {
        DemoImages.write(dir);
        return connect(dir);
    }

    public static RegistryClient connect(Path dir) throws RegistryException {
        return new RegistryClients().connect(ConnectionSettings.of(FolderRegistry.hostFor("demo")),
                new OkHttpClient.Builder().addInterceptor(new FolderRegistry(dir)));
    }
}
