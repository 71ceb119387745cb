package dev.berth.registry.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.OptionalInt;
import okhttp3.HttpUrl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Registry addresses and the certs.d directory names they map to. */
class HostPortTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "registry.example:5000 | registry.example:5000",
        "Registry.Example      | registry.example",
        "[::1]:5000            | [::1]:5000",
        "[::1]                 | [::1]",
        "::1                   | [::1]",
        "127.0.0.1:443         | 127.0.0.1:443",
        "my_registry:5000      | my_registry:5000"
    })
    void parsesAndRendersTheAuthority(String text, String authority) {
        assertEquals(authority, HostPort.parse(text).authority());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "registry.example:5000 | registry.example:5000",
        "registry.example      | registry.example,registry.example:443",
        "registry.example:443  | registry.example:443,registry.example",
        "[::1]:5000            | [::1]:5000"
    })
    void certsDirectoryNamesTreat443AsTheDefault(String text, String names) {
        assertEquals(List.of(names.split(",")), HostPort.parse(text).certsDirectoryNames());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://registry.example/v2/      | registry.example:443",
        "https://registry.example:5000/v2/ | registry.example:5000",
        "https://[::1]:5000/v2/            | [::1]:5000"
    })
    void fromUrl(String url, String authority) {
        assertEquals(authority, HostPort.of(HttpUrl.get(url)).authority());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "..", "../etc", ".hidden", "a/b", "a\\b", "host:", "host:0", "host:65536", "host:12a",
        "[::1", "[::1]x", "[::1]:", "[g::1]:5000", "host name", "host%2f"})
    void refusesWhatIsNotARegistryAddress(String text) {
        assertThrows(IllegalArgumentException.class, () -> HostPort.parse(text));
    }

    @org.junit.jupiter.api.Test
    void portIsOptional() {
        assertEquals(OptionalInt.empty(), HostPort.parse("registry.example").port());
        assertEquals(OptionalInt.of(5000), HostPort.parse("registry.example:5000").port());
    }
}
