package dev.berth.registry;

import dev.berth.work.CancelSignal;
import dev.berth.registry.auth.RealmGuard;
import dev.berth.registry.auth.TokenCache;
import dev.berth.registry.auth.TokenClient;
import dev.berth.registry.http.Authorizer;
import dev.berth.registry.http.HttpCalls;
import dev.berth.registry.http.RegistryHttp;
import dev.berth.registry.http.RequestLog;
import dev.berth.registry.http.Remedies;
import dev.berth.registry.http.RetryPolicy;
import dev.berth.registry.tls.TlsFailureTranslator;
import dev.berth.registry.tls.TlsProblem;
import dev.berth.registry.tls.TransportSecurity;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import javax.net.ssl.SSLException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Makes {@link RegistryClient}s. Holds the one shared {@link OkHttpClient} (its connection pool
 * and threads); each connection derives its own client from it with {@code newBuilder()}.
 */
public final class RegistryClients {

    /**
     * The end of the host name of a registry answered in-process (a folder of OCI layouts, see
     * {@code dev.berth.store.FolderRegistry}); {@code .invalid} never resolves, so such a host is never
     * reached over a network. Its tag deletes remove the tag only.
     */
    public static final String IN_PROCESS_HOST_SUFFIX = ".folder.invalid";

    /** Whether {@code host} is a registry answered in-process: a folder of OCI layouts, not a server. */
    public static boolean isInProcessHost(String host) {
        return host.toLowerCase(java.util.Locale.ROOT).endsWith(IN_PROCESS_HOST_SUFFIX);
    }

    private static final Duration SCHEME_PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final OkHttpClient shared;
    private final Clock clock;
    private final RetryPolicy retry;
    private final Remedies remedies;

    public RegistryClients() {
        this(new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(16, 5, TimeUnit.MINUTES))
                .retryOnConnectionFailure(true)
                .build(), Clock.systemUTC(), RetryPolicy.DEFAULT);
    }

    public RegistryClients(OkHttpClient shared, Clock clock, RetryPolicy retry) {
        this(shared, clock, retry, Remedies.APP);
    }

    private RegistryClients(OkHttpClient shared, Clock clock, RetryPolicy retry, Remedies remedies) {
        this.shared = shared;
        this.clock = clock;
        this.retry = retry;
        this.remedies = remedies;
    }

    /** The same clients (sharing the pool), whose errors advise in {@code where}'s words: options or settings. */
    public RegistryClients advising(Remedies where) {
        return new RegistryClients(shared, clock, retry, where);
    }

    /** A client for one registry; nothing is sent until the first call. */
    public RegistryClient connect(ConnectionSettings settings) throws RegistryException.Refused {
        return connect(settings, shared.newBuilder());
    }

    /** Like {@link #connect(ConnectionSettings)}, with TLS or other transport settings applied to {@code builder}. */
    public RegistryClient connect(ConnectionSettings settings, OkHttpClient.Builder builder) throws RegistryException.Refused {
        HttpUrl base = baseUrl(settings);
        Duration timeout = settings.timeout();
        // Every connection logs its requests, once, whichever builder it was given.
        builder.networkInterceptors().removeIf(RequestLog.class::isInstance);
        OkHttpClient client = builder
                .addNetworkInterceptor(new RequestLog())
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .build();
        TokenClient tokens = new TokenClient(client, clock);
        Authorizer authorizer = new Authorizer(settings.credentials(), tokens, new TokenCache(clock), new RealmGuard(base));
        RegistryHttp http = new RegistryHttp(client, base, authorizer, new HttpCalls(CancelSignal.none(), remedies), retry,
                timeout);
        return new RegistryClient(settings.host(), http);
    }

    /**
     * Like {@link #connect(ConnectionSettings, OkHttpClient.Builder)}, but for a loopback registry
     * not marked plain-http, asks over https first and uses http if the server turns out to speak
     * plain HTTP, as Docker does for localhost registries. Other hosts are never downgraded.
     */
    public RegistryClient connectDetectingScheme(ConnectionSettings settings, OkHttpClient.Builder builder)
            throws RegistryException.Refused {
        HttpUrl https = baseUrl(settings);
        if (settings.plainHttp() || !TransportSecurity.isLoopback(https.host())) return connect(settings, builder);
        // Bounded as a whole like every exchange (OkHttp's call timeout covers the body), and never longer than
        // the connection's own timeout.
        Duration probeTimeout = settings.timeout().compareTo(SCHEME_PROBE_TIMEOUT) < 0 ? settings.timeout() : SCHEME_PROBE_TIMEOUT;
        OkHttpClient probe = builder.build().newBuilder().callTimeout(probeTimeout).build();
        try (Response ignored = probe.newCall(new Request.Builder().url(https.resolve("/v2/")).get().build()).execute()) {
            return connect(settings, builder);
        } catch (SSLException e) {
            boolean speaksPlainHttp = TlsFailureTranslator.translate(e, settings.host())
                    .filter(problem -> problem.kind() == TlsProblem.Kind.SERVER_SPEAKS_PLAIN_HTTP).isPresent();
            return connect(speaksPlainHttp ? settings.withPlainHttp(true, false) : settings, builder);
        } catch (IOException e) {
            return connect(settings, builder); // unreachable either way: the first real call says why
        }
    }

    public OkHttpClient sharedHttpClient() {
        return shared;
    }

    static HttpUrl baseUrl(ConnectionSettings settings) throws RegistryException.Refused {
        String host = settings.host();
        String hostOnly = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1)
                : host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host;
        if (settings.plainHttp() && !TransportSecurity.isLoopback(hostOnly) && !settings.allowInsecureRemote()) {
            throw new RegistryException.Refused("Plain HTTP is only allowed for registries on this machine (localhost, "
                    + "127.0.0.1, ::1). Use https for " + host + ", or allow insecure HTTP for this connection if you trust "
                    + "the network between you and it.");
        }
        HttpUrl url = HttpUrl.parse((settings.plainHttp() ? "http://" : "https://") + host + "/");
        if (url == null) throw new RegistryException.Refused("'" + host + "' is not a valid registry address.");
        return url;
    }
}
