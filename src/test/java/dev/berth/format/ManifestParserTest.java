package dev.berth.format;

import static dev.berth.format.Fixtures.json;
import static dev.berth.format.Fixtures.raw;
import static dev.berth.format.Fixtures.sha;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.ImageIndex;
import dev.berth.domain.ImageManifest;
import dev.berth.domain.Manifest;
import dev.berth.domain.MediaType;
import dev.berth.domain.Platform;
import dev.berth.domain.RawBytes;
import dev.berth.domain.Schema1Manifest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ManifestParserTest {

    static Manifest parse(String template) {
        return ManifestParser.parse(raw(template), Optional.empty());
    }

    static Manifest parse(String template, String contentType) {
        return ManifestParser.parse(raw(template), Optional.ofNullable(contentType).map(MediaType::of));
    }

    static Descriptor layer(MediaType type, char digest, long size) {
        return Descriptor.of(type, sha(digest), size);
    }

    @Test
    void ociImageManifest() {
        ImageManifest m = assertInstanceOf(ImageManifest.class, parse(Fixtures.OCI_MANIFEST));
        assertAll(
                () -> assertEquals(MediaType.OCI_MANIFEST, m.mediaType()),
                () -> assertEquals(Descriptor.of(MediaType.OCI_CONFIG, sha('c'), 1469), m.config()),
                () -> assertEquals(List.of(
                        layer(MediaType.OCI_LAYER_GZIP, '1', 3_623_807),
                        layer(MediaType.OCI_LAYER_GZIP, '2', 1024)
                                .withAnnotations(Map.of("org.opencontainers.image.title", "app.tar.gz"))), m.layers()),
                () -> assertEquals(1469 + 3_623_807 + 1024, m.size()),
                () -> assertEquals(Map.of("org.opencontainers.image.created", "2024-05-01T12:00:00Z"), m.annotations()),
                () -> assertEquals(Optional.empty(), m.subject()),
                () -> assertEquals(Optional.empty(), m.artifactType()),
                () -> assertFalse(m.isArtifact()));
    }

    @Test
    void dockerV2Manifest() {
        ImageManifest m = assertInstanceOf(ImageManifest.class, parse(Fixtures.DOCKER_MANIFEST));
        assertAll(
                () -> assertEquals(MediaType.DOCKER_MANIFEST, m.mediaType()),
                () -> assertEquals(Descriptor.of(MediaType.DOCKER_CONFIG, sha('c'), 7023), m.config()),
                () -> assertEquals(2, m.layers().size()),
                () -> assertEquals(layer(MediaType.DOCKER_LAYER_GZIP, '1', 32_654), m.layers().get(0)),
                () -> assertEquals(MediaType.of("application/vnd.docker.image.rootfs.foreign.diff.tar.gzip"),
                        m.layers().get(1).mediaType()),
                () -> assertEquals(List.of("https://mcr.microsoft.com/v2/windows/servercore/blobs/" + sha('2')),
                        m.layers().get(1).urls()),
                () -> assertEquals(7023 + 32_654 + 16_724, m.size()),
                () -> assertFalse(m.isArtifact()));
    }

    @Test
    void ociIndexWithPlatformsAndABuildxAttestation() {
        ImageIndex index = assertInstanceOf(ImageIndex.class, parse(Fixtures.OCI_INDEX));
        List<Descriptor> entries = index.manifests();
        assertAll(
                () -> assertEquals(MediaType.OCI_INDEX, index.mediaType()),
                () -> assertEquals(4, entries.size()),
                () -> assertEquals(Optional.of(Platform.parse("linux/amd64")), entries.get(0).platform()),
                () -> assertEquals(Optional.of(Platform.parse("linux/arm64/v8")), entries.get(1).platform()),
                () -> assertEquals(Optional.of(new Platform("windows", "amd64", Optional.empty(), Optional.of("10.0.17763.1879"))),
                        entries.get(2).platform()),
                () -> assertEquals(List.of(sha('a'), sha('b'), sha('e')),
                        index.platformManifests().stream().map(Descriptor::digest).toList()),
                () -> assertEquals(List.of(sha('d')), index.attestations().stream().map(Descriptor::digest).toList()),
                () -> assertTrue(entries.get(3).isAttestation()),
                () -> assertEquals("attestation-manifest", entries.get(3).annotations().get(Descriptor.REFERENCE_TYPE_ANNOTATION)),
                () -> assertEquals(sha('a').toString(), entries.get(3).annotations().get("vnd.docker.reference.digest")),
                () -> assertEquals(List.of(1234L, 1235L, 1236L, 566L), entries.stream().map(Descriptor::size).toList()),
                () -> assertEquals("2024-05-01T12:00:00Z", index.annotations().get(ImageIndex.CREATED_ANNOTATION)),
                () -> assertEquals(Optional.empty(), index.subject()));
    }

    @Test
    void dockerManifestList() {
        ImageIndex index = assertInstanceOf(ImageIndex.class, parse(Fixtures.DOCKER_LIST));
        assertAll(
                () -> assertEquals(MediaType.DOCKER_LIST, index.mediaType()),
                () -> assertEquals(List.of(
                        layer(MediaType.DOCKER_MANIFEST, 'a', 7143).withPlatform(Platform.parse("linux/ppc64le")),
                        layer(MediaType.DOCKER_MANIFEST, 'b', 7682).withPlatform(Platform.parse("linux/arm/v7"))),
                        index.manifests()),
                () -> assertEquals(index.manifests(), index.platformManifests()),
                () -> assertEquals(List.of(), index.attestations()));
    }

    static final String OCI_MANIFEST_WITHOUT_MEDIA_TYPE = """
            {
              "schemaVersion": 2,
              "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": "{c}", "size": 10},
              "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": "{1}", "size": 20}]
            }
            """;

    static final String OCI_INDEX_WITHOUT_MEDIA_TYPE = """
            {
              "schemaVersion": 2,
              "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "{a}", "size": 30,
                             "platform": {"os": "linux", "architecture": "amd64"}}]
            }
            """;

    /** Without its own mediaType, the document's kind comes from Content-Type, and failing that its shape. */
    @ParameterizedTest(name = "{0} with Content-Type {1} -> {2}")
    @CsvSource(nullValues = "-", value = {
            "manifest, application/vnd.oci.image.manifest.v1+json,                  application/vnd.oci.image.manifest.v1+json",
            "manifest, application/vnd.docker.distribution.manifest.v2+json,        application/vnd.docker.distribution.manifest.v2+json",
            "manifest, 'application/vnd.oci.image.manifest.v1+json; charset=utf-8', application/vnd.oci.image.manifest.v1+json",
            "manifest, -,                                                           application/vnd.oci.image.manifest.v1+json",
            "manifest, application/json,                                            application/vnd.oci.image.manifest.v1+json",
            "manifest, application/octet-stream,                                    application/vnd.oci.image.manifest.v1+json",
            "manifest, text/plain,                                                  application/vnd.oci.image.manifest.v1+json",
            "index,    application/vnd.oci.image.index.v1+json,                     application/vnd.oci.image.index.v1+json",
            "index,    application/vnd.docker.distribution.manifest.list.v2+json,   application/vnd.docker.distribution.manifest.list.v2+json",
            "index,    -,                                                           application/vnd.oci.image.index.v1+json",
            "index,    application/json,                                            application/vnd.oci.image.index.v1+json"})
    void documentWithoutMediaTypeIsDecidedByContentTypeThenShape(String shape, String contentType, String expected) {
        Manifest m = parse(shape.equals("index") ? OCI_INDEX_WITHOUT_MEDIA_TYPE : OCI_MANIFEST_WITHOUT_MEDIA_TYPE, contentType);
        assertEquals(MediaType.of(expected), m.mediaType());
        if (shape.equals("index")) {
            assertEquals(List.of(sha('a')), assertInstanceOf(ImageIndex.class, m).manifests().stream().map(Descriptor::digest).toList());
        } else {
            assertEquals(30, assertInstanceOf(ImageManifest.class, m).size());
        }
    }

    /** The document names itself; a server's generic or differing Content-Type does not override it. */
    @ParameterizedTest(name = "Content-Type {0}")
    @CsvSource(nullValues = "-", value = {"-", "application/json", "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json"})
    void documentMediaTypeWinsOverContentType(String contentType) {
        assertEquals(MediaType.DOCKER_MANIFEST, parse(Fixtures.DOCKER_MANIFEST, contentType).mediaType());
        assertEquals(MediaType.DOCKER_LIST, parse(Fixtures.DOCKER_LIST, contentType).mediaType());
    }

    @Test
    void artifactWithArtifactTypeSubjectAndEmptyConfig() {
        ImageManifest m = assertInstanceOf(ImageManifest.class, parse(Fixtures.ARTIFACT));
        assertAll(
                () -> assertEquals(MediaType.OCI_MANIFEST, m.mediaType()),
                () -> assertEquals(Optional.of("application/spdx+json"), m.artifactType()),
                () -> assertTrue(m.isArtifact()),
                () -> assertEquals("application/spdx+json", m.effectiveArtifactType()),
                () -> assertEquals(Descriptor.of(MediaType.OCI_EMPTY, Fixtures.EMPTY_JSON, 2), m.config()),
                () -> assertEquals(Optional.of(Descriptor.of(MediaType.OCI_MANIFEST, sha('a'), 1234)), m.subject()),
                () -> assertEquals(2 + 5120, m.size()));
    }

    @Test
    void artifactWithoutArtifactTypeIsKnownByItsConfigType() {
        ImageManifest m = assertInstanceOf(ImageManifest.class, parse("""
                {
                  "schemaVersion": 2,
                  "mediaType": "application/vnd.oci.image.manifest.v1+json",
                  "config": {"mediaType": "application/vnd.cncf.helm.config.v1+json", "digest": "{c}", "size": 117},
                  "layers": [{"mediaType": "application/vnd.cncf.helm.chart.content.v1.tar+gzip", "digest": "{1}", "size": 3543}]
                }
                """));
        assertTrue(m.isArtifact());
        assertEquals(Optional.empty(), m.artifactType());
        assertEquals("application/vnd.cncf.helm.config.v1+json", m.effectiveArtifactType());
    }

    @Test
    void indexMayCarryArtifactTypeAndSubject() {
        ImageIndex index = assertInstanceOf(ImageIndex.class, parse("""
                {
                  "schemaVersion": 2,
                  "mediaType": "application/vnd.oci.image.index.v1+json",
                  "artifactType": "application/vnd.example.bundle",
                  "manifests": [],
                  "subject": {"mediaType": "application/vnd.oci.image.index.v1+json", "digest": "{b}", "size": 900}
                }
                """));
        assertEquals(Optional.of("application/vnd.example.bundle"), index.artifactType());
        assertEquals(Optional.of(Descriptor.of(MediaType.OCI_INDEX, sha('b'), 900)), index.subject());
        assertEquals(List.of(), index.manifests());
    }

    @ParameterizedTest(name = "{0} with Content-Type {1}")
    @CsvSource(nullValues = "-", value = {
            "signed,   application/vnd.docker.distribution.manifest.v1+prettyjws, application/vnd.docker.distribution.manifest.v1+prettyjws, library/hello-world, latest",
            "signed,   -,                                                         application/vnd.docker.distribution.manifest.v1+prettyjws, library/hello-world, latest",
            "signed,   application/json,                                          application/vnd.docker.distribution.manifest.v1+prettyjws, library/hello-world, latest",
            "unsigned, application/vnd.docker.distribution.manifest.v1+json,      application/vnd.docker.distribution.manifest.v1+json,      team/app,            v1",
            "unsigned, -,                                                         application/vnd.docker.distribution.manifest.v1+json,      team/app,            v1",
            "unsigned, application/json,                                          application/vnd.docker.distribution.manifest.v1+json,      team/app,            v1"})
    void schema1IsRecognisedNotMisParsed(String kind, String contentType, String expectedType, String name, String tag) {
        String template = kind.equals("signed") ? Fixtures.SCHEMA1_SIGNED : Fixtures.SCHEMA1_UNSIGNED;
        Schema1Manifest m = assertInstanceOf(Schema1Manifest.class, parse(template, contentType));
        assertAll(
                () -> assertEquals(MediaType.of(expectedType), m.mediaType()),
                () -> assertTrue(m.mediaType().isSchema1()),
                () -> assertEquals(name, m.name()),
                () -> assertEquals(tag, m.tag()),
                () -> assertEquals(Optional.empty(), m.subject()),
                () -> assertArrayEquals(json(template).getBytes(StandardCharsets.UTF_8), m.raw().toByteArray()));
    }

    static Stream<Arguments> garbage() {
        String layerTemplate = """
                {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                 "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": "{c}", "size": 10},
                 "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": "{1}", "size": 20}, LAYER]}
                """;
        String okLayer = "{\"mediaType\": \"application/vnd.oci.image.layer.v1.tar+gzip\", \"digest\": \"{2}\", \"size\": 5}";
        return Stream.of(
                Arguments.of("not JSON", "this is not json", "not valid JSON"),
                Arguments.of("HTML error page", "<html><body>502 Bad Gateway</body></html>", "not valid JSON"),
                Arguments.of("truncated", Fixtures.OCI_MANIFEST.substring(0, 200), "not valid JSON"),
                Arguments.of("trailing garbage", Fixtures.OCI_MANIFEST + "}", "not valid JSON"),
                Arguments.of("two documents", Fixtures.OCI_MANIFEST + Fixtures.OCI_MANIFEST, "not valid JSON"),
                Arguments.of("JSON array", "[" + Fixtures.OCI_MANIFEST + "]", "not a JSON object"),
                Arguments.of("JSON string", "\"manifest\"", "not a JSON object"),
                Arguments.of("JSON null", "null", "not a JSON object"),
                Arguments.of("empty", "", "empty"),
                Arguments.of("only whitespace", " \n\t ", "empty"),
                Arguments.of("schemaVersion 3", Fixtures.OCI_MANIFEST.replace("\"schemaVersion\": 2", "\"schemaVersion\": 3"),
                        "unsupported manifest schemaVersion 3"),
                Arguments.of("schemaVersion 0", "{\"schemaVersion\": 0}", "unsupported manifest schemaVersion 0"),
                Arguments.of("no schemaVersion", Fixtures.OCI_MANIFEST.replace("\"schemaVersion\": 2,", ""), "no schemaVersion"),
                Arguments.of("empty object", "{}", "no schemaVersion"),
                Arguments.of("schemaVersion as string",
                        Fixtures.OCI_MANIFEST.replace("\"schemaVersion\": 2", "\"schemaVersion\": \"2\""), "schemaVersion \"2\""),
                Arguments.of("schemaVersion true", Fixtures.SCHEMA1_SIGNED.replace("\"schemaVersion\": 1", "\"schemaVersion\": true"),
                        "schemaVersion true"),
                Arguments.of("schemaVersion 2.5", Fixtures.OCI_MANIFEST.replace("\"schemaVersion\": 2", "\"schemaVersion\": 2.5"),
                        "schemaVersion 2.5"),
                Arguments.of("missing config", """
                        {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json", "layers": []}
                        """, "the image manifest has no config"),
                Arguments.of("config null", """
                        {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json", "config": null}
                        """, "config is not a descriptor object"),
                Arguments.of("config without digest", """
                        {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                         "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "size": 10}}
                        """, "config: invalid digest ''"),
                Arguments.of("config without mediaType", """
                        {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                         "config": {"digest": "{c}", "size": 10}}
                        """, "config has no mediaType"),
                Arguments.of("layers not a list", """
                        {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                         "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": "{c}", "size": 10},
                         "layers": {"0": "x"}}
                        """, "'layers' is not a list"),
                Arguments.of("layer not an object", layerTemplate.replace("LAYER", "\"{2}\""), "layers[1] is not a descriptor object"),
                Arguments.of("bad digest in a layer", layerTemplate.replace("LAYER", okLayer.replace("\"{2}\"", "\"sha256:1234\"")),
                        "layers[1]: invalid sha256 digest: expected 64 lowercase hex characters, got '1234'"),
                Arguments.of("upper-case digest in a layer",
                        layerTemplate.replace("LAYER", okLayer.replace("{2}", "sha256:" + "A".repeat(64))),
                        "layers[1]: invalid sha256 digest"),
                Arguments.of("unknown digest algorithm in a layer",
                        layerTemplate.replace("LAYER", okLayer.replace("{2}", "md5:900150983cd24fb0d6963f7d28e17f72")),
                        "layers[1]: unsupported digest algorithm 'md5'"),
                Arguments.of("negative size", layerTemplate.replace("LAYER", okLayer.replace("\"size\": 5", "\"size\": -5")),
                        "layers[1] has an invalid size -5"),
                Arguments.of("fractional size", layerTemplate.replace("LAYER", okLayer.replace("\"size\": 5", "\"size\": 5.5")),
                        "layers[1] has an invalid size 5.5"),
                Arguments.of("size as string", layerTemplate.replace("LAYER", okLayer.replace("\"size\": 5", "\"size\": \"5\"")),
                        "layers[1] has an invalid size \"5\""),
                Arguments.of("size beyond long", layerTemplate.replace("LAYER", okLayer.replace("\"size\": 5",
                        "\"size\": 99999999999999999999")), "layers[1] has an invalid size 99999999999999999999"),
                Arguments.of("missing size", layerTemplate.replace("LAYER", okLayer.replace(", \"size\": 5", "")),
                        "layers[1] has no size"),
                Arguments.of("index without manifests", """
                        {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json"}
                        """, "the index has no 'manifests' list"),
                Arguments.of("index entry with bad digest", """
                        {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
                         "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "{a}", "size": 1},
                                       {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "latest", "size": 1}]}
                        """, "manifests[1]: invalid digest 'latest'"),
                Arguments.of("bad subject", Fixtures.ARTIFACT.replace("\"size\": 1234", "\"size\": -1"),
                        "subject has an invalid size -1"),
                Arguments.of("not a manifest media type", """
                        {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.config.v1+json", "config": {}}
                        """, "'application/vnd.oci.image.config.v1+json' is not a manifest media type"),
                Arguments.of("empty mediaType", Fixtures.OCI_MANIFEST.replace(
                        "\"application/vnd.oci.image.manifest.v1+json\"", "\"\""), "mediaType"),
                Arguments.of("mediaType not a string", Fixtures.OCI_MANIFEST.replace(
                        "\"application/vnd.oci.image.manifest.v1+json\"", "{}"), "mediaType"),
                Arguments.of("layer mediaType of only parameters", layerTemplate.replace("LAYER",
                        okLayer.replace("application/vnd.oci.image.layer.v1.tar+gzip", "; charset=utf-8")), "layers[1]"),
                Arguments.of("no mediaType, config nor manifests", "{\"schemaVersion\": 2, \"layers\": []}",
                        "names no media type and has neither config nor manifests"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("garbage")
    void garbageIsRejectedWithAHelpfulMessage(String why, String template, String expectedMessagePart) {
        MalformedContentException e = assertThrows(MalformedContentException.class, () -> parse(template));
        assertTrue(e.getMessage().contains(expectedMessagePart),
                () -> "expected '" + expectedMessagePart + "' in: " + e.getMessage());
    }

    /** Trap T14: the digest is that of the bytes the registry sent, whatever their whitespace. */
    @Test
    void rawBytesArePreservedExactly() throws Exception {
        String text = "{\r\n\t\"schemaVersion\" :2 ,  \"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\n"
                + "\"config\":{\"size\":10,\"digest\":\"" + sha('c') + "\",\"mediaType\":\"application/vnd.oci.image.config.v1+json\"},"
                + "\"layers\":[ ], \"annotations\": {\"note\": \"caf\u00e9 \\u00e9\"}   }\n\n";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);

        Manifest m = ManifestParser.parse(RawBytes.of(bytes), Optional.empty());

        byte[] reserialised = new ObjectMapper().writeValueAsBytes(new ObjectMapper().readTree(bytes));
        assertAll(
                () -> assertArrayEquals(bytes, m.raw().toByteArray()),
                () -> assertEquals(Digest.sha256(bytes), m.digest()),
                () -> assertNotEquals(Digest.sha256(reserialised), m.digest(), "must not hash a re-serialisation"),
                () -> assertEquals(Descriptor.of(MediaType.OCI_MANIFEST, Digest.sha256(bytes), bytes.length), m.descriptor()),
                () -> assertEquals("caf\u00e9 \u00e9", assertInstanceOf(ImageManifest.class, m).annotations().get("note")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"OCI_MANIFEST", "DOCKER_MANIFEST", "OCI_INDEX", "DOCKER_LIST", "ARTIFACT", "SCHEMA1_SIGNED", "SCHEMA1_UNSIGNED"})
    void everyKindKeepsItsBytesAndDigest(String fixture) throws Exception {
        String template = (String) Fixtures.class.getDeclaredField(fixture).get(null);
        byte[] bytes = json(template).getBytes(StandardCharsets.UTF_8);
        Manifest m = ManifestParser.parse(RawBytes.of(bytes), Optional.empty());
        assertArrayEquals(bytes, m.raw().toByteArray());
        assertEquals(Digest.sha256(bytes), m.digest());
        assertEquals(bytes.length, m.descriptor().size());
    }

    @Test
    void descriptorDefaultsMissingPlatformFieldsToUnknown() {
        ImageIndex index = assertInstanceOf(ImageIndex.class, parse("""
                {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
                 "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "{a}", "size": 1,
                                "platform": {"variant": ""}}]}
                """));
        Platform platform = index.manifests().get(0).platform().orElseThrow();
        assertEquals(Platform.of("unknown", "unknown"), platform);
        assertTrue(index.manifests().get(0).isAttestation());
    }

    @Test
    void layersMayBeAbsentOrNull() {
        String base = """
                {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                 "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": "{c}", "size": 10}LAYERS}
                """;
        for (String layers : List.of("", ", \"layers\": null", ", \"layers\": []")) {
            ImageManifest m = assertInstanceOf(ImageManifest.class, parse(base.replace("LAYERS", layers)));
            assertEquals(List.of(), m.layers(), layers);
            assertEquals(10, m.size(), layers);
        }
    }
}
