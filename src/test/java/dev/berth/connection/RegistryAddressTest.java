package dev.berth.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What people type or paste, and the host[:port] Berth keeps. */
class RegistryAddressTest {

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            localhost:5000                      | localhost:5000           | false | localhost:5000
            https://host:5000/                  | host:5000                | false | host:5000
            host:5000/v2/                       | host:5000                | false | host:5000
            http://localhost:5000/v2/_catalog   | localhost:5000           | true  | localhost:5000
            HTTPS://Registry.Example.COM        | registry.example.com     | false | registry.example.com
            `  ghcr.io  `                       | ghcr.io                  | false | ghcr.io
            ghcr.io/acme/app:1.0                | ghcr.io                  | false | ghcr.io
            https://alice:s3cret@reg.example/   | reg.example              | false | reg.example
            reg.example?x=1#frag                | reg.example              | false | reg.example
            host:443                            | host:443                 | false | host:443
            host:05000                          | host:5000                | false | host:5000
            127.0.0.1:5000                      | 127.0.0.1:5000           | false | 127.0.0.1:5000
            [::1]:5000                          | [::1]:5000               | false | [::1]:5000
            https://[0:0:0:0:0:0:0:1]:5000/v2/  | [::1]:5000               | false | [::1]:5000
            ::1                                 | [::1]                    | false | [::1]
            docker.io                           | docker.io                | false | registry-1.docker.io
            https://index.docker.io/v1/         | docker.io                | false | registry-1.docker.io
            registry-1.docker.io                | docker.io                | false | registry-1.docker.io
            https://hub.docker.com/r/library/x  | docker.io                | false | registry-1.docker.io
            bücher.example                      | xn--bcher-kva.example    | false | xn--bcher-kva.example
            """)
    void normalises(String text, String registry, boolean explicitHttp, String apiHost) {
        RegistryAddress address = RegistryAddress.parse(text);
        assertEquals(registry, address.registry());
        assertEquals(explicitHttp, address.explicitHttp());
        assertEquals(apiHost, address.apiHost());
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            ``                        | Enter a registry address
            `   `                     | Enter a registry address
            https://                  | Enter a registry address
            /v2/                      | Enter a registry address
            ftp://host                | 'ftp://' is not a registry address
            host:0                    | not a port number
            host:65536                | not a port number
            host:                     | not a port number
            host:http                 | not a port number
            my host                   | no spaces
            [::1                      | never closes
            bad_host!                 | not a valid host name
            """)
    void refusesWithAMessageForPeople(String text, String messagePart) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RegistryAddress.parse(text));
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"localhost:5000, true", "127.0.0.1, true", "[::1]:5000, true", "registry.example:5000, false", "127.1, false"})
    void knowsLoopbackHosts(String text, boolean loopback) {
        assertEquals(loopback, RegistryAddress.parse(text).isLoopback());
    }

    @ParameterizedTest
    @CsvSource({"Host:5000", "https://host:5000"})
    void theRecordOnlyHoldsCanonicalForms(String text) {
        assertThrows(IllegalArgumentException.class, () -> new RegistryAddress(text, false));
    }
}
