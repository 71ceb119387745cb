package dev.berth.registry.auth;

import dev.berth.registry.RegistryException;
import dev.berth.registry.tls.TransportSecurity;
import okhttp3.HttpUrl;

/**
 * Decides whether a token realm named by the registry may receive credentials (trap T13). The
 * registry chooses the realm, so a compromised or hostile registry could point it anywhere: at
 * plain http, at a cloud metadata address, at a URL with userinfo. The first realm a connection
 * sees is pinned; a different one later is refused rather than trusted silently.
 */
public final class RealmGuard {

    private final HttpUrl registry;
    private volatile HttpUrl pinned;

    public RealmGuard(HttpUrl registryBaseUrl) {
        this.registry = registryBaseUrl;
    }

    /** Returns the realm as a URL, or throws {@link RegistryException.Refused} saying why not. */
    public HttpUrl check(String realm) throws RegistryException.Refused {
        HttpUrl url = HttpUrl.parse(realm);
        if (url == null) throw refused(realm, "it is not an http(s) URL");
        if (!url.username().isEmpty() || !url.password().isEmpty()) {
            throw refused(redacted(url), "it contains a user name or password");
        }
        if (TransportSecurity.isLinkLocalOrMetadata(url.host())) {
            throw refused(redacted(url), "it is a link-local or cloud metadata address");
        }
        if (!url.isHttps() && !(registry.scheme().equals("http") && TransportSecurity.isLoopback(registry.host()))) {
            throw refused(redacted(url), "it is plain http; only a plain-http registry on this machine may use one");
        }
        if (!url.isHttps() && !TransportSecurity.isLoopback(url.host())) {
            throw refused(redacted(url), "it is plain http to another machine");
        }
        HttpUrl realmOrigin = origin(url);
        synchronized (this) {
            if (pinned == null) {
                pinned = realmOrigin;
            } else if (!pinned.equals(realmOrigin)) {
                throw new RegistryException.Refused("The registry " + registry.host() + " now sends sign-ins to "
                        + redacted(url) + " instead of " + pinned + ". Berth did not send your credentials there. "
                        + "If this change is expected, reconnect to the registry.");
            }
        }
        return url;
    }

    private static HttpUrl origin(HttpUrl url) {
        return url.newBuilder().encodedPath("/").query(null).fragment(null).build();
    }

    private static String redacted(HttpUrl url) {
        return url.newBuilder().username("").password("").query(null).build().toString();
    }

    private RegistryException.Refused refused(String realm, String why) {
        return new RegistryException.Refused("Berth will not send credentials to the token service " + realm
                + " named by " + registry.host() + ": " + why + ". Check the registry's auth configuration.");
    }
}
