package dev.berth.connection;

import dev.berth.platform.UserHome;
import dev.berth.registry.Capabilities;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryClients;
import dev.berth.registry.RegistryException;
import dev.berth.registry.tls.TlsConfigurationException;
import dev.berth.registry.tls.TlsContext;
import dev.berth.registry.tls.TlsContextFactory;
import dev.berth.registry.tls.TlsSettings;
import dev.berth.store.FolderRegistry;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Connects a saved {@link Connection} to its registry (TLS context, credentials, scheme detection for
 * loopback hosts) and probes what it allows; also looks for a registry on this machine for the welcome
 * pane. Every call blocks on the network: never on the FX thread.
 */
public final class ConnectionTester {

    /** Where {@code docker run registry:2} listens by convention. */
    public static final int LOCAL_REGISTRY_PORT = 5000;

    /** A local registry answers in milliseconds; the welcome pane should not wait on anything else. */
    static final Duration LOCAL_CHECK_TIMEOUT = Duration.ofMillis(1500);

    private final RegistryClients clients;
    private final TlsContextFactory tlsFactory;
    private final List<Path> certsDirectories;
    private final Clock clock;

    /**
     * @param certsDirectories the {@code certs.d} roots consulted for every connection
     * @param clock            stamps probe results
     */
    public ConnectionTester(RegistryClients clients, TlsContextFactory tlsFactory, List<Path> certsDirectories, Clock clock) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.tlsFactory = Objects.requireNonNull(tlsFactory, "tlsFactory");
        this.certsDirectories = List.copyOf(certsDirectories);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** With the system trust store, Docker's and Podman's usual {@code certs.d} roots and the system clock. */
    public static ConnectionTester standard(RegistryClients clients) {
        return new ConnectionTester(clients, new TlsContextFactory(),
                TlsSettings.defaultCertsDirectories(UserHome.current()), Clock.systemUTC());
    }

    /**
     * A client for the connection. Nothing is sent yet; a loopback registry not marked plain-HTTP is
     * asked over https first and over http if that is what it speaks, as Docker does.
     *
     * @throws RegistryException.TransportFailure the TLS files cannot be used (the message names the file)
     * @throws RegistryException.Refused          plain HTTP to a remote host without the person's opt-in
     */
    public RegistryClient connect(Connection connection, ConnectionSecrets secrets) throws RegistryException {
        if (connection.folder().isPresent()) {
            // Answered in-process: no TLS, no credentials, no scheme to detect, and no request leaves the JVM.
            return clients.connect(connection.settings(secrets.credentials()),
                    clients.sharedHttpClient().newBuilder().addInterceptor(new FolderRegistry(connection.folder().get())));
        }
        TlsContext tls;
        try {
            tls = tlsFactory.forRegistry(connection.apiHost(), connection.tlsSettings(certsDirectories, secrets));
        } catch (TlsConfigurationException e) {
            throw new RegistryException.TransportFailure("The TLS settings of “" + connection.name()
                    + "” cannot be used: " + e.getMessage(), e, false);
        }
        OkHttpClient.Builder builder = tls.applyTo(clients.sharedHttpClient().newBuilder());
        return clients.connectDetectingScheme(connection.settings(secrets.credentials()), builder);
    }

    /**
     * What the registry allows, deletes included: for "Test connection", an act a person asks for, so
     * the probe's DELETE requests (for a digest and a tag that exist nowhere) may go. The first
     * repository added by hand, if any, is used to probe deletes and referrers where the catalog is
     * not available.
     */
    public Capabilities probe(Connection connection, ConnectionSecrets secrets) throws RegistryException {
        Capabilities probed = connect(connection, secrets).probeIncludingDeletes(connection.repositories().stream().findFirst());
        return connection.lastProbe().map(last -> probed.keepingEarlierFindings(last.capabilities())).orElse(probed);
    }

    /** {@link #probe} and the connection with the result remembered; save it to keep the badges. */
    public Connection probeAndRemember(Connection connection, ConnectionSecrets secrets) throws RegistryException {
        return connection.withProbe(probe(connection, secrets), clock.instant());
    }

    /** {@link #localhostCandidate(int)} on the conventional port 5000. */
    public Optional<Connection> localhostCandidate() {
        return localhostCandidate(LOCAL_REGISTRY_PORT);
    }

    /**
     * A proposed connection to {@code localhost:port} when a registry answers there within
     * {@link #LOCAL_CHECK_TIMEOUT}, plain-HTTP if that is what it speaks; empty otherwise. A server that
     * speaks TLS with a certificate the system does not trust is proposed too: the connect flow offers
     * to trust its CA.
     */
    public Optional<Connection> localhostCandidate(int port) {
        if (port < 1 || port > 65535) throw new IllegalArgumentException("not a port: " + port);
        String host = "localhost:" + port;
        OkHttpClient quick = clients.sharedHttpClient().newBuilder()
                .callTimeout(LOCAL_CHECK_TIMEOUT)
                .followRedirects(false)
                .build();
        // Plain HTTP first: that is how registry:2 runs by default. A TLS server answers it with 400
        // (Go's) or by hanging up; only then is https worth a try.
        return switch (ask(quick, "http://" + host + "/v2/")) {
            case REGISTRY -> Optional.of(Connection.create("http://" + host));
            case NOTHING_LISTENING, NOT_A_REGISTRY, UNTRUSTED_TLS -> Optional.empty();
            case BAD_REQUEST, FAILED -> switch (ask(quick, "https://" + host + "/v2/")) {
                case REGISTRY, UNTRUSTED_TLS -> Optional.of(Connection.create(host));
                case NOTHING_LISTENING, NOT_A_REGISTRY, BAD_REQUEST, FAILED -> Optional.empty();
            };
        };
    }

    private enum Answer {
        /** 200, or 401 asking for credentials: how a registry's {@code /v2/} answers. */
        REGISTRY,
        /** 400: what a TLS server says to plain HTTP. */
        BAD_REQUEST,
        /** Any other HTTP answer. */
        NOT_A_REGISTRY,
        /** A TLS server whose certificate is not trusted here. */
        UNTRUSTED_TLS,
        /** Connection refused. */
        NOTHING_LISTENING,
        /** No answer in time, or a broken one. */
        FAILED
    }

    private static Answer ask(OkHttpClient client, String url) {
        try (Response response = client.newCall(new Request.Builder().url(url).get().build()).execute()) {
            return switch (response.code()) {
                case 200, 401 -> Answer.REGISTRY;
                case 400 -> Answer.BAD_REQUEST;
                default -> Answer.NOT_A_REGISTRY;
            };
        } catch (SSLHandshakeException e) {
            return Answer.UNTRUSTED_TLS;
        } catch (ConnectException e) {
            return Answer.NOTHING_LISTENING;
        } catch (IOException e) {
            return Answer.FAILED;
        }
    }
}
