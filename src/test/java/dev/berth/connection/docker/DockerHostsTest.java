package dev.berth.connection.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DockerHostsTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            localhost:5000                   | localhost:5000
            https://ghcr.io                  | ghcr.io
            https://ghcr.io/                 | ghcr.io
            http://host:5000/v2/             | host:5000
            HTTPS://Quay.IO                  | quay.io
            '  registry.example.com  '       | registry.example.com
            https://user@host.example:443/x  | host.example:443
            [::1]:5000                       | [::1]:5000
            https://index.docker.io/v1/      | docker.io
            index.docker.io                  | docker.io
            registry-1.docker.io             | docker.io
            docker.io                        | docker.io
            https://registry-1.docker.io/v2/ | docker.io
            """)
    void normalisesEveryKeySpelling(String key, String host) {
        assertEquals(host, DockerHosts.normalise(key));
    }

    @Test
    void dockerHubIsAskedForByItsLegacyKeyOnly() {
        for (String alias : List.of("docker.io", "index.docker.io", "registry-1.docker.io", "https://index.docker.io/v1/")) {
            assertEquals(List.of("https://index.docker.io/v1/"), DockerHosts.keysFor(alias), alias);
        }
    }

    @Test
    void otherRegistriesAreAskedForBareThenWithSchemes() {
        assertEquals(List.of("localhost:5000", "https://localhost:5000", "http://localhost:5000"),
                DockerHosts.keysFor("http://localhost:5000/v2/"));
    }

    @Test
    void emptyHostIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> DockerHosts.keysFor("https:///v2/"));
    }
}
