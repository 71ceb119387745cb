package dev.berth.registry.auth;

import dev.berth.registry.tls.TransportSecurity;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import okhttp3.Dns;

/**
 * Name resolution that drops link-local and cloud-metadata addresses, for hosts the registry names
 * (token realms, redirect targets): a name that looks harmless but resolves to 169.254.169.254 must
 * receive neither credentials nor requests (T13).
 */
public final class GuardedDns implements Dns {

    /** The name resolved, but only to addresses Berth will not contact. */
    public static final class LinkLocalOnly extends UnknownHostException {
        LinkLocalOnly(String hostname) {
            super(hostname + " resolves only to link-local or cloud-metadata addresses; Berth does not contact them");
        }
    }

    private final Dns delegate;

    public GuardedDns(Dns delegate) {
        this.delegate = delegate;
    }

    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
        List<InetAddress> safe = delegate.lookup(hostname).stream().filter(a -> !isLinkLocal(a)).toList();
        if (safe.isEmpty()) throw new LinkLocalOnly(hostname);
        return safe;
    }

    static boolean isLinkLocal(InetAddress address) {
        return address.isLinkLocalAddress() || TransportSecurity.isLinkLocalOrMetadata(address.getHostAddress());
    }
}
