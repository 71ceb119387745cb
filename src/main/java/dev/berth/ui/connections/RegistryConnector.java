package dev.berth.ui.connections;

import dev.berth.connection.docker.DockerConfig;
import dev.berth.connection.docker.DockerCredentials;
import dev.berth.registry.ConnectionSettings;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryClients;
import dev.berth.registry.auth.Credentials;
import dev.berth.registry.tls.TlsContext;
import dev.berth.registry.tls.TlsContextFactory;
import dev.berth.registry.tls.TlsSettings;
import java.io.IOException;
import java.nio.file.Path;

/** Turns a connection's settings into a client. Blocking (reads files, may ask a helper): call it off the FX thread. */
public final class RegistryConnector {

    private final RegistryClients clients;
    private final Path home;
    private final java.util.Map<String, String> environment;

    public RegistryConnector(RegistryClients clients, Path home, java.util.Map<String, String> environment) {
        this.clients = clients;
        this.home = home;
        this.environment = java.util.Map.copyOf(environment);
    }

    public RegistryClient connect(ConnectionDraft draft) throws IOException {
        ConnectionSettings settings = ConnectionSettings.of(draft.host())
                .withCredentials(credentials(draft))
                .withPlainHttp(draft.plainHttp() || draft.addressSaysHttp(), draft.allowInsecureRemote());
        TlsSettings tls = TlsSettings.defaults(home);
        if (draft.caFile().isPresent()) tls = tls.withCaFile(draft.caFile().get());
        TlsContext context = new TlsContextFactory().forRegistry(draft.host(), tls);
        return clients.connectDetectingScheme(settings, context.applyTo(clients.sharedHttpClient().newBuilder()));
    }

    private Credentials credentials(ConnectionDraft draft) throws IOException {
        return switch (draft.auth()) {
            case NONE -> Credentials.anonymous();
            case PASSWORD -> draft.username().isBlank() ? Credentials.anonymous() : Credentials.basic(draft.username(), draft.password());
            case DOCKER -> DockerCredentials.of(DockerConfig.load(DockerConfig.locate(environment, home)))
                    .lookup(draft.host()).orElse(Credentials.anonymous());
        };
    }
}
