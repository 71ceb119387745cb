package dev.berth.registry.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import okhttp3.Dns;

/**
 * Name resolution for token requests that drops link-local and cloud-metadata addresses: a realm
 * whose name looks harmless but resolves to 169.254.169.254 must not receive credentials (T13).
 */
final class GuardedDns implements Dns {

    private final Dns delegate;

    GuardedDns(Dns delegate) {
        this.delegate = delegate;
    }

    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
        List<InetAddress> safe = delegate.lookup(hostname).stream().filter(a -> !isLinkLocal(a)).toList();
        if (safe.isEmpty()) {
            throw new UnknownHostException(hostname + " resolves only to link-local or metadata addresses; "
                    + "Berth does not send credentials there");
        }
        return safe;
    }

    static boolean isLinkLocal(InetAddress address) {
        return address.isLinkLocalAddress() || address.getHostAddress().startsWith("fd00:ec2:");
    }
}
