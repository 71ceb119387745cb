package dev.berth.ui.jobs;

import dev.berth.jobs.Place;
import dev.berth.jobs.StorePlaces;
import dev.berth.registry.RegistryClient;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The clients of the connections jobs use, handed over on the FX thread when a job is asked for,
 * read on the job's thread: the tree's nodes stay on the FX thread, and a retry uses the client
 * the connection has now (after a fixed password, say).
 */
public final class ConnectedClients implements StorePlaces.Connector {

    private final Map<String, RegistryClient> clients = new ConcurrentHashMap<>();

    public void remember(String connectionId, RegistryClient client) {
        clients.put(connectionId, client);
    }

    @Override
    public RegistryClient client(Place.Registry place) throws IOException {
        RegistryClient client = clients.get(place.connectionId());
        if (client == null) {
            throw new IOException("Berth has no open connection to " + place.host() + " any more. Open it in the tree, then retry.");
        }
        return client;
    }
}
