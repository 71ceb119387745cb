package dev.berth.registry.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.platform.UserHome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TlsSettingsTest {

    private static final Path HOME = Path.of(System.getProperty("java.io.tmpdir"), "berth-test-home", "someone");

    @Test
    void defaultsConsultDockerAndContainersRootsUnderTheGivenHome() {
        TlsSettings settings = TlsSettings.defaults(HOME);

        assertEquals(List.of(Path.of("/etc/docker/certs.d"), HOME.resolve(".docker/certs.d"),
                Path.of("/etc/containers/certs.d"), HOME.resolve(".config/containers/certs.d")),
                settings.certsDirectories());
        assertEquals(Optional.empty(), settings.caFile());
        assertEquals(Optional.empty(), settings.clientCertificate());
    }

    @Test
    void defaultsWithoutAHomeUseTheHomeDockerUses() {
        assertEquals(TlsSettings.defaults(UserHome.current()), TlsSettings.defaults());
    }

    @Test
    void noneConsultsNothing() {
        assertEquals(new TlsSettings(Optional.empty(), Optional.empty(), List.of()), TlsSettings.none());
    }

    @Test
    void toStringHidesThePkcs12Password() {
        char[] password = "hunter2-secret".toCharArray();
        TlsSettings settings = TlsSettings.defaults(HOME)
                .withCaFile(Path.of("/etc/ca.pem"))
                .withClientCertificate(ClientCertificate.pkcs12(Path.of("/keys/client.p12"), password));

        String text = settings.toString();

        assertFalse(text.contains("hunter2"), text);
        assertFalse(text.contains("[C@"), text); // not even the array's identity
        assertTrue(text.contains("/keys/client.p12") && text.contains("password=****"), text);
    }

    @Test
    void thePasswordIsCopiedInAndOut() {
        char[] password = "pw".toCharArray();
        ClientCertificate.Pkcs12File p12 = new ClientCertificate.Pkcs12File(Path.of("c.p12"), password);

        password[0] = 'X';
        char[] read = p12.password();
        read[1] = 'Y';

        assertArrayEquals("pw".toCharArray(), p12.password());
    }

    @Test
    void pkcs12EqualityComparesPasswordContents() {
        var a = ClientCertificate.pkcs12(Path.of("c.p12"), "pw".toCharArray());

        assertEquals(a, ClientCertificate.pkcs12(Path.of("c.p12"), "pw".toCharArray()));
        assertEquals(a.hashCode(), ClientCertificate.pkcs12(Path.of("c.p12"), "pw".toCharArray()).hashCode());
        assertNotEquals(a, ClientCertificate.pkcs12(Path.of("c.p12"), "other".toCharArray()));
    }

    @Test
    void certsDirectoriesAreCopied() {
        List<Path> roots = new ArrayList<>(List.of(Path.of("/a")));
        TlsSettings settings = TlsSettings.none().withCertsDirectories(roots);

        roots.add(Path.of("/b"));

        assertEquals(List.of(Path.of("/a")), settings.certsDirectories());
        assertThrows(UnsupportedOperationException.class, () -> settings.certsDirectories().add(Path.of("/c")));
    }

    @Test
    void nullsAreRefused() {
        assertThrows(NullPointerException.class, () -> new TlsSettings(null, Optional.empty(), List.of()));
        assertThrows(NullPointerException.class, () -> ClientCertificate.pem(Path.of("c.crt"), null));
        assertThrows(NullPointerException.class, () -> ClientCertificate.pkcs12(Path.of("c.p12"), null));
    }
}
