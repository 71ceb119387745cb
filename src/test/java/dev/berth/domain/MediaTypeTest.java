package dev.berth.domain;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MediaTypeTest {

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', textBlock = """
            application/vnd.oci.image.index.v1+json                        | application/vnd.oci.image.index.v1+json
            application/vnd.oci.image.index.v1+json; charset=utf-8         | application/vnd.oci.image.index.v1+json
            Application/VND.OCI.Image.Manifest.V1+JSON                     | application/vnd.oci.image.manifest.v1+json
            'application/vnd.docker.distribution.manifest.v2+json ;q=0.9'  | application/vnd.docker.distribution.manifest.v2+json
            '  application/json  '                                         | application/json
            'application/json;'                                            | application/json
            'TEXT/PLAIN; Charset=UTF-8'                                    | text/plain
            """)
    void dropsParametersAndLowerCases(String input, String expected) {
        MediaType type = MediaType.of(input);
        assertEquals(expected, type.value());
        assertEquals(expected, type.toString());
        assertEquals(new MediaType(expected), type);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "   ", ";charset=utf-8", " ; q=1"})
    void rejectsEmptyTypes(String input) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MediaType.of(input));
        assertTrue(e.getMessage().contains("empty media type"), e.getMessage());
    }

    @Test
    void rejectsNull() {
        assertThrows(NullPointerException.class, () -> MediaType.of(null));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // type,                                                       index, image, schema1, manifest
            "application/vnd.oci.image.index.v1+json,                       true,  false, false,   true",
            "application/vnd.docker.distribution.manifest.list.v2+json,     true,  false, false,   true",
            "application/vnd.oci.image.manifest.v1+json,                    false, true,  false,   true",
            "application/vnd.docker.distribution.manifest.v2+json,          false, true,  false,   true",
            "application/vnd.docker.distribution.manifest.v1+json,          false, false, true,    true",
            "application/vnd.docker.distribution.manifest.v1+prettyjws,     false, false, true,    true",
            "application/vnd.oci.image.config.v1+json,                      false, false, false,   false",
            "application/vnd.docker.container.image.v1+json,                false, false, false,   false",
            "application/vnd.oci.empty.v1+json,                             false, false, false,   false",
            "application/vnd.oci.image.layer.v1.tar+gzip,                   false, false, false,   false",
            "application/vnd.docker.image.rootfs.diff.tar.gzip,             false, false, false,   false",
            "application/vnd.oci.artifact.manifest.v1+json,                 false, false, false,   false",
            "application/vnd.cncf.helm.config.v1+json,                      false, false, false,   false",
            "application/octet-stream,                                      false, false, false,   false",
            "application/json,                                              false, false, false,   false",
            "'application/vnd.oci.image.index.v1+json; charset=utf-8',      true,  false, false,   true",
            "APPLICATION/VND.DOCKER.DISTRIBUTION.MANIFEST.V2+JSON,          false, true,  false,   true"})
    void predicates(String value, boolean index, boolean image, boolean schema1, boolean manifest) {
        MediaType type = MediaType.of(value);
        assertAll(
                () -> assertEquals(index, type.isIndex(), "isIndex"),
                () -> assertEquals(image, type.isImageManifest(), "isImageManifest"),
                () -> assertEquals(schema1, type.isSchema1(), "isSchema1"),
                () -> assertEquals(manifest, type.isManifest(), "isManifest"));
    }

    @Test
    void constantsHaveTheRegistryProtocolValues() {
        assertAll(
                () -> assertEquals("application/vnd.oci.image.index.v1+json", MediaType.OCI_INDEX.value()),
                () -> assertEquals("application/vnd.oci.image.manifest.v1+json", MediaType.OCI_MANIFEST.value()),
                () -> assertEquals("application/vnd.docker.distribution.manifest.list.v2+json", MediaType.DOCKER_LIST.value()),
                () -> assertEquals("application/vnd.docker.distribution.manifest.v2+json", MediaType.DOCKER_MANIFEST.value()),
                () -> assertEquals("application/vnd.docker.distribution.manifest.v1+json", MediaType.DOCKER_SCHEMA1.value()),
                () -> assertEquals("application/vnd.docker.distribution.manifest.v1+prettyjws",
                        MediaType.DOCKER_SCHEMA1_SIGNED.value()),
                () -> assertEquals("application/vnd.oci.image.config.v1+json", MediaType.OCI_CONFIG.value()),
                () -> assertEquals("application/vnd.docker.container.image.v1+json", MediaType.DOCKER_CONFIG.value()),
                () -> assertEquals("application/vnd.oci.empty.v1+json", MediaType.OCI_EMPTY.value()));
    }

    /** Traps T1-T3: one header, comma-joined, naming both index types and both image types. */
    @Test
    void manifestAcceptIsOneCommaJoinedValueWithTheFourManifestTypes() {
        String accept = MediaType.MANIFEST_ACCEPT;
        assertFalse(accept.contains("\n") || accept.contains("\r"), "a single header value");
        List<MediaType> listed = Arrays.stream(accept.split(",")).map(String::strip).map(MediaType::of).toList();
        assertEquals(4, listed.size(), accept);
        assertEquals(List.of(MediaType.OCI_INDEX, MediaType.OCI_MANIFEST, MediaType.DOCKER_LIST, MediaType.DOCKER_MANIFEST),
                listed);
        assertEquals(MediaType.MANIFEST_TYPES, listed);
        assertTrue(listed.stream().allMatch(MediaType::isManifest));
        assertFalse(listed.stream().anyMatch(MediaType::isSchema1), "asking for schema1 invites conversion (T1)");
    }
}
