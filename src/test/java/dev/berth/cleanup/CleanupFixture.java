package dev.berth.cleanup;

import dev.berth.browse.RepositoryScanner;
import dev.berth.browse.RepositorySnapshot;
import dev.berth.work.Progress;
import dev.berth.browse.SummaryCache;
import dev.berth.registry.ConnectionSettings;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryClients;
import dev.berth.registry.RegistryException;
import dev.berth.testing.RegistryServer;
import java.util.ArrayList;
import java.util.List;

/** Connects to a test registry and scans repositories the way the app does. */
final class CleanupFixture {

    private CleanupFixture() {}

    static RegistryClient client(RegistryServer server) throws RegistryException {
        return new RegistryClients().connect(ConnectionSettings.of(server.hostPort()).withPlainHttp(true, false));
    }

    static List<RepositorySnapshot> scan(RegistryClient client, String... repositories) throws RegistryException {
        RepositoryScanner scanner = new RepositoryScanner(SummaryCache.none());
        List<RepositorySnapshot> snapshots = new ArrayList<>();
        for (String repository : repositories) snapshots.add(scanner.scan(client, repository, Progress.none()));
        return snapshots;
    }
}
