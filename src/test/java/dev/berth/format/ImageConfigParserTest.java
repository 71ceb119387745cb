package dev.berth.format;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.domain.ImageConfig;
import dev.berth.domain.ImageConfig.HistoryEntry;
import dev.berth.domain.Platform;
import dev.berth.domain.RawBytes;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageConfigParserTest {

    static final String NGINX_CONFIG = """
            {
              "architecture": "arm64",
              "variant": "v8",
              "os": "linux",
              "created": "2024-05-01T12:34:56.123456789Z",
              "config": {
                "User": "nginx",
                "WorkingDir": "/usr/share/nginx/html",
                "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin", "NGINX_VERSION=1.27.0"],
                "Entrypoint": ["/docker-entrypoint.sh"],
                "Cmd": ["nginx", "-g", "daemon off;"],
                "ExposedPorts": {"80/tcp": {}, "443/tcp": {}, "53/udp": {}},
                "Labels": {"maintainer": "NGINX Docker Maintainers", "org.opencontainers.image.version": "1.27"},
                "StopSignal": "SIGQUIT"
              },
              "rootfs": {"type": "layers", "diff_ids": ["sha256:1111111111111111111111111111111111111111111111111111111111111111"]},
              "history": [
                {"created": "2024-04-23T00:00:00Z", "created_by": "/bin/sh -c #(nop) ADD file:b6 in / "},
                {"created": "2024-04-23T00:00:01Z", "created_by": "/bin/sh -c #(nop)  CMD [\\"bash\\"]", "empty_layer": true},
                {"created": "2024-05-01T12:34:56.123456789Z", "created_by": "RUN /bin/sh -c apt-get update # buildkit",
                 "comment": "buildkit.dockerfile.v0"},
                {"created_by": "EXPOSE map[80/tcp:{}]", "empty_layer": true, "comment": ""}
              ]
            }
            """;

    static ImageConfig parse(String json) {
        return ImageConfigParser.parse(RawBytes.utf8(json));
    }

    @Test
    void readsARealisticConfig() {
        RawBytes raw = RawBytes.utf8(NGINX_CONFIG);
        ImageConfig config = ImageConfigParser.parse(raw);
        assertAll(
                () -> assertEquals(Optional.of(Instant.parse("2024-05-01T12:34:56.123456789Z")), config.created()),
                () -> assertEquals("linux", config.os()),
                () -> assertEquals("arm64", config.architecture()),
                () -> assertEquals(Optional.of("v8"), config.variant()),
                () -> assertEquals(Platform.parse("linux/arm64/v8"), config.platform()),
                () -> assertEquals(Optional.of("nginx"), config.user()),
                () -> assertEquals(Optional.of("/usr/share/nginx/html"), config.workingDir()),
                () -> assertEquals(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin", "NGINX_VERSION=1.27.0"),
                        config.env()),
                () -> assertEquals(List.of("/docker-entrypoint.sh"), config.entrypoint()),
                () -> assertEquals(List.of("nginx", "-g", "daemon off;"), config.cmd()),
                () -> assertEquals(List.of("80/tcp", "443/tcp", "53/udp"), config.exposedPorts()),
                () -> assertEquals(Map.of("maintainer", "NGINX Docker Maintainers", "org.opencontainers.image.version", "1.27"),
                        config.labels()),
                () -> assertEquals(List.of(
                        new HistoryEntry(Optional.of(Instant.parse("2024-04-23T00:00:00Z")),
                                "/bin/sh -c #(nop) ADD file:b6 in / ", false, Optional.empty()),
                        new HistoryEntry(Optional.of(Instant.parse("2024-04-23T00:00:01Z")),
                                "/bin/sh -c #(nop)  CMD [\"bash\"]", true, Optional.empty()),
                        new HistoryEntry(Optional.of(Instant.parse("2024-05-01T12:34:56.123456789Z")),
                                "RUN /bin/sh -c apt-get update # buildkit", false, Optional.of("buildkit.dockerfile.v0")),
                        new HistoryEntry(Optional.empty(), "EXPOSE map[80/tcp:{}]", true, Optional.empty())),
                        config.history()),
                () -> assertSame(raw, config.raw()));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "-", value = {
            "2024-05-01T12:34:56Z,                 2024-05-01T12:34:56Z",
            "2024-05-01T12:34:56.123456789Z,       2024-05-01T12:34:56.123456789Z",
            "2024-05-01T12:34:56.1Z,               2024-05-01T12:34:56.100Z",
            "2024-05-01T14:34:56+02:00,            2024-05-01T12:34:56Z",
            "2024-05-01T07:34:56.5-05:00,          2024-05-01T12:34:56.500Z",
            "2024-05-01T12:34:56.000000001+00:00,  2024-05-01T12:34:56.000000001Z",
            "2024-05-01t12:34:56z,                 2024-05-01T12:34:56Z",
            "1970-01-01T00:00:01Z,                 1970-01-01T00:00:01Z",
            "0001-01-01T00:00:00Z,                 -",
            "1970-01-01T00:00:00Z,                 -",
            "1970-01-01T01:00:00+01:00,            -",
            "1969-12-31T23:59:59Z,                 -",
            "2024-05-01T12:34:56,                  -",
            "2024-05-01,                           -",
            "yesterday,                            -",
            "'',                                   -"})
    void createdIsRfc3339WithZeroDatesUnknown(String text, String expected) {
        Optional<Instant> want = Optional.ofNullable(expected).map(Instant::parse);
        assertEquals(want, ImageConfigParser.parseInstant(text));
        assertEquals(want, parse("{\"created\": \"" + text + "\"}").created());
    }

    @ParameterizedTest(name = "created: {0}")
    @ValueSource(strings = {"null", "0", "1714566896", "[]", "{}"})
    void createdThatIsNotAStringIsUnknown(String value) {
        assertEquals(Optional.empty(), parse("{\"created\": " + value + "}").created());
    }

    /** Docker accepts Entrypoint and Cmd as a JSON array or a single string. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "[\"/bin/sh\", \"-c\", \"echo hi\"]  | /bin/sh;-c;echo hi",
            "[\"nginx\"]                         | nginx",
            "\"nginx -g daemon-off\"            | nginx -g daemon-off",
            "[]                                  | -",
            "null                                | -"})
    void entrypointAndCmdInArrayAndStringForms(String json, String expected) {
        List<String> want = expected == null ? List.of() : Arrays.asList(expected.split(";"));
        ImageConfig config = parse("{\"config\": {\"Entrypoint\": " + json + ", \"Cmd\": " + json + "}}");
        assertEquals(want, config.entrypoint());
        assertEquals(want, config.cmd());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{\"architecture\": \"amd64\", \"os\": \"linux\"}",
            "{\"architecture\": \"amd64\", \"os\": \"linux\", \"config\": null}",
            "{\"architecture\": \"amd64\", \"os\": \"linux\", \"config\": {}}",
            "{\"architecture\": \"amd64\", \"os\": \"linux\", \"config\": {\"Env\": null, \"Labels\": null, \"ExposedPorts\": null,"
                    + " \"User\": \"\", \"WorkingDir\": \"\", \"Entrypoint\": null, \"Cmd\": null}, \"history\": null}"})
    void toleratesMissingOrEmptyConfig(String json) {
        ImageConfig config = parse(json);
        assertAll(
                () -> assertEquals(Platform.of("linux", "amd64"), config.platform()),
                () -> assertEquals(Optional.empty(), config.created()),
                () -> assertEquals(Optional.empty(), config.variant()),
                () -> assertEquals(Optional.empty(), config.user()),
                () -> assertEquals(Optional.empty(), config.workingDir()),
                () -> assertEquals(List.of(), config.env()),
                () -> assertEquals(List.of(), config.entrypoint()),
                () -> assertEquals(List.of(), config.cmd()),
                () -> assertEquals(List.of(), config.exposedPorts()),
                () -> assertEquals(Map.of(), config.labels()),
                () -> assertEquals(List.of(), config.history()));
    }

    @Test
    void emptyObjectGivesEmptyPlatformFields() {
        ImageConfig config = parse("{}");
        assertEquals("", config.os());
        assertEquals("", config.architecture());
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', value = {
            "[]                       | not a JSON object",
            "\"config\"               | not a JSON object",
            "null                     | not a JSON object",
            "{\"os\": \"linux\"       | not valid JSON",
            "not json                 | not valid JSON",
            "''                       | empty"})
    void rejectsWhatIsNotAConfig(String json, String expectedMessagePart) {
        MalformedContentException e = assertThrows(MalformedContentException.class, () -> parse(json));
        assertTrue(e.getMessage().contains(expectedMessagePart), () -> "expected '" + expectedMessagePart + "' in " + e.getMessage());
    }
}
