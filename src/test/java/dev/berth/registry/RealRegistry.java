package dev.berth.registry;

import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.MediaType;
import dev.berth.registry.auth.Credentials;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TestImages.Content;
import dev.berth.testing.TestPki;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/** Small helpers shared by the tests that run the client against a real Distribution registry. */
final class RealRegistry {

    private RealRegistry() {}

    /** A fresh factory per test class: no connection pool or token state shared between classes. */
    static RegistryClients clients() {
        return new RegistryClients();
    }

    /** The client for a plain-http loopback registry. */
    static RegistryClient plain(RegistryServer server, Credentials credentials) throws RegistryException {
        return clients().connect(settings(server, credentials).withPlainHttp(true, false));
    }

    static RegistryClient plain(RegistryServer server, Credentials credentials, Recorder recorder) throws RegistryException {
        return clients().connect(settings(server, credentials).withPlainHttp(true, false),
                new OkHttpClient.Builder().addNetworkInterceptor(recorder));
    }

    static ConnectionSettings settings(RegistryServer server, Credentials credentials) {
        return ConnectionSettings.of(server.hostPort()).withCredentials(credentials);
    }

    /** An OkHttp builder trusting only {@code pki}'s root, built with the JDK's KeyStore and TrustManagerFactory. */
    static OkHttpClient.Builder trusting(TestPki pki) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("berth-test-root", pki.root().certificate());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            X509TrustManager trustManager = null;
            for (TrustManager tm : factory.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) trustManager = x;
            }
            if (trustManager == null) throw new IllegalStateException("no X509TrustManager");
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager}, null);
            return new OkHttpClient.Builder().sslSocketFactory(context.getSocketFactory(), trustManager);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Descriptor descriptor(Content content) {
        return Descriptor.of(MediaType.of(content.mediaType()), Digest.parse(content.digest()), content.size());
    }

    static Digest digest(Content content) {
        return Digest.parse(content.digest());
    }

    /** One request as it went over the wire (a network interceptor sees every attempt, redirects and retries). */
    record Exchanged(String method, String url, int code, String authorization, String range, String responseBody) {
        String path() {
            return okhttp3.HttpUrl.get(url).encodedPath();
        }
    }

    /** Records every request on the wire; optionally keeps (small) response bodies, e.g. of a token service. */
    static final class Recorder implements Interceptor {
        private final List<Exchanged> exchanges = new CopyOnWriteArrayList<>();
        private final boolean keepBodies;

        Recorder() {
            this(false);
        }

        Recorder(boolean keepBodies) {
            this.keepBodies = keepBodies;
        }

        @Override
        public Response intercept(Chain chain) throws IOException {
            Response response = chain.proceed(chain.request());
            String body = keepBodies ? response.peekBody(64 * 1024).string() : "";
            exchanges.add(new Exchanged(chain.request().method(), chain.request().url().toString(), response.code(),
                    chain.request().header("Authorization"), chain.request().header("Range"), body));
            return response;
        }

        List<Exchanged> all() {
            return List.copyOf(exchanges);
        }

        List<Exchanged> with(String method) {
            return exchanges.stream().filter(e -> e.method().equals(method)).toList();
        }

        void clear() {
            exchanges.clear();
        }

        int size() {
            return exchanges.size();
        }
    }
}
