package dev.berth.ui.app;

import dev.berth.connection.ConnectionId;
import dev.berth.cleanup.PolicyStore;
import dev.berth.connection.ConnectionService;
import java.io.IOException;
import java.util.Optional;

/** Keeps cleanup policies with the saved connections (in connections.json). */
public final class ConnectionPolicies implements PolicyStore {

    private final ConnectionService connections;

    public ConnectionPolicies(ConnectionService connections) {
        this.connections = connections;
    }

    @Override
    public Optional<String> load(String connectionId) throws IOException {
        return connections.cleanupPolicy(new ConnectionId(connectionId));
    }

    @Override
    public void save(String connectionId, String policyJson) throws IOException {
        connections.saveCleanupPolicy(new ConnectionId(connectionId), policyJson);
    }
}
