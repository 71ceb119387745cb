package dev.berth.registry.tls;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * Decides whether a registry may be reached over plain HTTP, and recognises hosts that must never
 * receive a request carrying credentials (link-local and cloud-metadata addresses).
 *
 * <p>Every decision is made by parsing the host text, never by DNS: a lookup costs time, can be
 * answered by an attacker, and its answer can change between the check and the connection.
 */
public final class TransportSecurity {

    static final String PLAIN_HTTP_REFUSED = "plain HTTP is only allowed for loopback registries; use https, "
            + "or enable 'allow plain HTTP' for this connection if you trust the network";

    /** Names that cloud providers resolve to their instance-metadata service. */
    private static final Set<String> METADATA_NAMES = Set.of(
            "metadata",
            "metadata.google.internal",
            "metadata.goog",
            "instance-data",
            "instance-data.ec2.internal");

    /** Metadata addresses outside the link-local ranges: Alibaba Cloud, AWS (IPv6), Google Cloud (IPv6). */
    private static final List<byte[]> METADATA_ADDRESSES = List.of(
            new byte[] {100, 100, 100, (byte) 200},
            IpLiterals.ipv6("fd00:ec2::254").orElseThrow(),
            IpLiterals.ipv6("fd20:ce::254").orElseThrow());

    /**
     * Refuses {@code url} unless it is https, or plain http to a loopback host, or plain http with
     * the connection's explicit opt-in.
     */
    public static void check(HttpUrl url, boolean allowPlainHttp) throws TransportSecurityException {
        checkScheme(url.scheme(), url.host(), allowPlainHttp);
    }

    /** As {@link #check(HttpUrl, boolean)}, for a scheme and host given separately. */
    public static void checkScheme(String scheme, String host, boolean allowPlainHttp) throws TransportSecurityException {
        switch (scheme.toLowerCase(Locale.ROOT)) {
            case "https" -> { }
            case "http" -> {
                if (!allowPlainHttp && !isLoopback(host)) {
                    throw new TransportSecurityException("refusing http://" + bracketed(host) + ": " + PLAIN_HTTP_REFUSED);
                }
            }
            default -> throw new TransportSecurityException("unsupported scheme '" + scheme + "' for " + host
                    + ": registries are reached over https (or http)");
        }
    }

    /**
     * The schemes to try, in order, for a registry given without one: https first, as Docker does,
     * and then http when that is allowed for this host.
     */
    public static List<String> schemesToTry(String host, boolean allowPlainHttp) {
        return allowPlainHttp || isLoopback(host) ? List.of("https", "http") : List.of("https");
    }

    /**
     * Whether {@code host} is loopback: {@code localhost}, {@code 127.0.0.0/8} in canonical dotted
     * form, or {@code ::1} (brackets allowed). Ambiguous spellings such as {@code 127.1}, and names
     * with a trailing dot (which go to DNS), are not accepted, since a "yes" here permits plain HTTP.
     */
    public static boolean isLoopback(String host) {
        String name = unbracketed(host);
        if (name.equals("localhost")) return true;
        Optional<byte[]> ipv4 = IpLiterals.ipv4Strict(name);
        if (ipv4.isPresent()) return ipv4.get()[0] == 127;
        Optional<byte[]> ipv6 = IpLiterals.ipv6(name);
        if (ipv6.isEmpty()) return false;
        byte[] address = ipv6.get();
        if (isZero(address, 0, 15) && address[15] == 1) return true;
        // Only the IPv4-mapped form (::ffff:127.0.0.1): the JDK connects to it as plain 127.0.0.1.
        boolean mapped = isZero(address, 0, 10) && (address[10] & 0xFF) == 0xFF && (address[11] & 0xFF) == 0xFF;
        return mapped && address[12] == 127;
    }

    /**
     * Whether {@code host} is a link-local address ({@code 169.254.0.0/16}, {@code fe80::/10}) or a
     * cloud instance-metadata name or address. Numeric hosts are read the way the C resolver reads
     * them, so {@code 2852039166} or {@code 0xa9fea9fe} count as {@code 169.254.169.254}.
     */
    public static boolean isLinkLocalOrMetadata(String host) {
        String name = normalise(host);
        if (METADATA_NAMES.contains(name)) return true;
        Optional<byte[]> ipv4 = IpLiterals.ipv4Lenient(name);
        if (ipv4.isPresent()) return isForbiddenIpv4(ipv4.get());
        Optional<byte[]> ipv6 = IpLiterals.ipv6(name);
        if (ipv6.isEmpty()) return false;
        byte[] address = ipv6.get();
        if ((address[0] & 0xFF) == 0xFE && (address[1] & 0xC0) == 0x80) return true;
        if (METADATA_ADDRESSES.stream().anyMatch(m -> Arrays.equals(m, address))) return true;
        return embeddedIpv4(address).map(TransportSecurity::isForbiddenIpv4).orElse(false);
    }

    /**
     * Throws unless {@link #isLinkLocalOrMetadata(String)} is false. The token-realm guard calls this:
     * a registry that names such a host as its realm is trying to reach the machine's cloud credentials.
     */
    public static void rejectLinkLocalOrMetadata(String host) throws TransportSecurityException {
        if (isLinkLocalOrMetadata(host)) {
            throw new TransportSecurityException("refusing to contact " + host + ": it is a link-local or "
                    + "cloud-metadata address, which a registry has no reason to send us to");
        }
    }

    private static boolean isForbiddenIpv4(byte[] address) {
        return ((address[0] & 0xFF) == 169 && (address[1] & 0xFF) == 254)
                || Arrays.equals(address, METADATA_ADDRESSES.get(0));
    }

    /** The IPv4 address inside an IPv4-mapped, IPv4-compatible or NAT64 ({@code 64:ff9b::/96}) address. */
    private static Optional<byte[]> embeddedIpv4(byte[] v6) {
        boolean mapped = isZero(v6, 0, 10) && (v6[10] & 0xFF) == 0xFF && (v6[11] & 0xFF) == 0xFF;
        boolean compatible = isZero(v6, 0, 12) && !isZero(v6, 12, 16);
        boolean nat64 = v6[0] == 0 && v6[1] == 0x64 && (v6[2] & 0xFF) == 0xFF && (v6[3] & 0xFF) == 0x9B && isZero(v6, 4, 12);
        if (!mapped && !compatible && !nat64) return Optional.empty();
        return Optional.of(Arrays.copyOfRange(v6, 12, 16));
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) if (bytes[i] != 0) return false;
        return true;
    }

    /** Lower case, without brackets or the trailing dot of a fully-qualified name. */
    private static String normalise(String host) {
        String name = unbracketed(host);
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static String unbracketed(String host) {
        String name = host.strip().toLowerCase(Locale.ROOT);
        return name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
    }

    private static String bracketed(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private TransportSecurity() {}
}
