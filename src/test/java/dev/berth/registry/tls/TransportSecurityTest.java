package dev.berth.registry.tls;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Plain-HTTP policy and host classification, decided from the text alone. */
class TransportSecurityTest {

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LocalHost", "127.0.0.1", "127.0.0.2", "127.255.255.254",
        "::1", "[::1]", "0:0:0:0:0:0:0:1", "0000:0000:0000:0000:0000:0000:0000:0001", "::ffff:127.0.0.1", "::ffff:7f00:1"})
    void loopback(String host) {
        assertTrue(TransportSecurity.isLoopback(host), host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"registry.example", "localhost.example", "localhost.attacker.example", "127.0.0.1.nip.io",
        "128.0.0.1", "10.0.0.1", "0.0.0.0", "::", "::2", "fe80::1", "::7f00:1",
        // Ambiguous spellings the resolver may map to 127.0.0.1: not trusted to mean loopback.
        "127.1", "0177.0.0.1", "0x7f.0.0.1", "2130706433", "127.000.000.001",
        "127.0.0.256", "[::1", "", " ",
        // A trailing dot makes a name that DNS answers, whatever it looks like.
        "127.0.0.1.", "localhost."})
    void notLoopback(String host) {
        assertFalse(TransportSecurity.isLoopback(host), host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:5000/v2/", "http://localhost:5000/v2/", "http://[::1]:5000/v2/",
        "https://registry.example/v2/", "https://10.0.0.1:5000/v2/"})
    void allowedWithoutOptIn(String url) {
        assertDoesNotThrow(() -> TransportSecurity.check(HttpUrl.get(url), false));
    }

    @Test
    void plainHttpToARemoteRegistryIsRefusedWithAnActionableMessage() {
        TransportSecurityException e = assertThrows(TransportSecurityException.class,
                () -> TransportSecurity.check(HttpUrl.get("http://registry.example:5000/v2/"), false));

        assertEquals("refusing http://registry.example: plain HTTP is only allowed for loopback registries; use https, "
                + "or enable 'allow plain HTTP' for this connection if you trust the network", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://10.0.0.1:5000/v2/", "http://registry.example/v2/", "http://127.1:5000/v2/",
        "http://[fe80::1]:5000/v2/"})
    void plainHttpToNonLoopbackNeedsTheOptIn(String url) {
        HttpUrl parsed = HttpUrl.get(url);

        assertThrows(TransportSecurityException.class, () -> TransportSecurity.check(parsed, false));
        assertDoesNotThrow(() -> TransportSecurity.check(parsed, true));
    }

    @Test
    void ipv6HostsAreBracketedInTheMessage() {
        TransportSecurityException e = assertThrows(TransportSecurityException.class,
                () -> TransportSecurity.checkScheme("http", "2001:db8::1", false));

        assertTrue(e.getMessage().startsWith("refusing http://[2001:db8::1]: "), e.getMessage());
    }

    @Test
    void otherSchemesAreRefusedEvenWithTheOptIn() {
        assertThrows(TransportSecurityException.class, () -> TransportSecurity.checkScheme("ftp", "localhost", true));
        assertDoesNotThrow(() -> TransportSecurity.checkScheme("HTTPS", "registry.example", false));
    }

    @Test
    void schemesToTryPutHttpsFirstAndHttpOnlyWhereAllowed() {
        assertEquals(List.of("https"), TransportSecurity.schemesToTry("registry.example", false));
        assertEquals(List.of("https", "http"), TransportSecurity.schemesToTry("registry.example", true));
        assertEquals(List.of("https", "http"), TransportSecurity.schemesToTry("localhost", false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"169.254.169.254", "169.254.0.1", "169.254.255.255", "169.254.169.254.",
        // Spellings the C resolver turns into 169.254.169.254.
        "2852039166", "0xa9fea9fe", "0xA9.0xFE.0xA9.0xFE", "0251.0376.0251.0376", "169.254.43518", "169.16689662",
        "fe80::1", "FE80::a9fe:a9fe", "fe80::1%eth0", "[fe80::1]", "febf:ffff::1",
        "::ffff:169.254.169.254", "::ffff:a9fe:a9fe", "::169.254.169.254", "64:ff9b::169.254.169.254",
        "metadata.google.internal", "METADATA.GOOGLE.INTERNAL.", "metadata", "metadata.goog", "instance-data",
        "instance-data.ec2.internal", "100.100.100.200", "fd00:ec2::254", "[fd00:ec2::254]", "fd20:ce::254"})
    void linkLocalOrMetadata(String host) {
        assertTrue(TransportSecurity.isLinkLocalOrMetadata(host), host);
        assertThrows(TransportSecurityException.class, () -> TransportSecurity.rejectLinkLocalOrMetadata(host));
    }

    @ParameterizedTest
    @ValueSource(strings = {"registry.example", "auth.docker.io", "127.0.0.1", "10.0.0.1", "169.253.255.255",
        "169.255.0.1", "170.254.169.254", "fec0::1", "fe7f::1", "::1", "2001:db8::1", "metadata.example.com",
        "google.internal", "100.100.100.201", "fd00:ec2::253", "localhost"})
    void ordinaryHosts(String host) {
        assertFalse(TransportSecurity.isLinkLocalOrMetadata(host), host);
        assertDoesNotThrow(() -> TransportSecurity.rejectLinkLocalOrMetadata(host));
    }

    @Test
    void theRejectionNamesTheHost() {
        TransportSecurityException e = assertThrows(TransportSecurityException.class,
                () -> TransportSecurity.rejectLinkLocalOrMetadata("169.254.169.254"));

        assertTrue(e.getMessage().startsWith("refusing to contact 169.254.169.254: "), e.getMessage());
    }
}
