package dev.berth.domain;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReferenceTest {

    /** sha256("abc"). */
    static final String HEX = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    static final String DIGEST = "sha256:" + HEX;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # input                              | registry           | repository       | tag    | digest
            nginx                                | docker.io          | library/nginx    | latest | -
            nginx:1.27                           | docker.io          | library/nginx    | 1.27   | -
            library/nginx                        | docker.io          | library/nginx    | latest | -
            user/app                             | docker.io          | user/app         | latest | -
            docker.io/nginx                      | docker.io          | library/nginx    | latest | -
            docker.io/library/nginx:1.27         | docker.io          | library/nginx    | 1.27   | -
            index.docker.io/nginx                | docker.io          | library/nginx    | latest | -
            index.docker.io/user/app:v2          | docker.io          | user/app         | v2     | -
            localhost/name                       | localhost          | name             | latest | -
            localhost:5000/team/app:v1           | localhost:5000     | team/app         | v1     | -
            myregistry:5000/name                 | myregistry:5000    | name             | latest | -
            registry.example.com/a/b/c:tag       | registry.example.com | a/b/c          | tag    | -
            [::1]:5000/app                       | [::1]:5000         | app              | latest | -
            [2001:db8::1]/x                      | [2001:db8::1]      | x                | latest | -
            [2001:db8::1]:443/x:1                | [2001:db8::1]:443  | x                | 1      | -
            ghcr.io/acme/api:1.2                 | ghcr.io            | acme/api         | 1.2    | -
            example.com:443/app                  | example.com:443    | app              | latest | -
            UPPER.example.com/app                | UPPER.example.com  | app              | latest | -
            Upper/app                            | Upper              | app              | latest | -
            localhost:5000                       | docker.io          | library/localhost | 5000  | -
            a__b                                 | docker.io          | library/a__b     | latest | -
            a-b                                  | docker.io          | library/a-b      | latest | -
            a--b                                 | docker.io          | library/a--b     | latest | -
            a.b                                  | docker.io          | library/a.b      | latest | -
            a_b                                  | docker.io          | library/a_b      | latest | -
            a-b__c/d.e_f:T_a.g-1                 | docker.io          | a-b__c/d.e_f     | T_a.g-1 | -
            app:_                                | docker.io          | library/app      | _      | -
            """)
    void parsesValidReferences(String input, String registry, String repository, String tag, String digest) {
        Reference ref = Reference.parse(input);
        assertAll(
                () -> assertEquals(registry, ref.registry(), "registry"),
                () -> assertEquals(repository, ref.repository(), "repository"),
                () -> assertEquals(Optional.ofNullable(tag), ref.tag(), "tag"),
                () -> assertEquals(Optional.ofNullable(digest).map(Digest::parse), ref.digest(), "digest"),
                () -> assertEquals(input, ref.original(), "original text"));
    }

    /** {D} stands for {@link #DIGEST}. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # input                  | registry       | repository    | tag | digest
            app@{D}                  | docker.io      | library/app   | -   | {D}
            app:tag@{D}              | docker.io      | library/app   | tag | {D}
            localhost:5000/a/b:v1@{D} | localhost:5000 | a/b          | v1  | {D}
            [::1]:5000/app@{D}       | [::1]:5000     | app           | -   | {D}
            """)
    void parsesDigestReferences(String input, String registry, String repository, String tag, String digest) {
        parsesValidReferences(d(input), registry, repository, tag, d(digest));
    }

    static String d(String text) {
        return text.replace("{D}", DIGEST);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # input                         | canonical                                 | familiar                          | apiHost
            nginx                           | docker.io/library/nginx:latest            | nginx:latest                      | registry-1.docker.io
            nginx:1.27                      | docker.io/library/nginx:1.27              | nginx:1.27                        | registry-1.docker.io
            index.docker.io/library/nginx   | docker.io/library/nginx:latest            | nginx:latest                      | registry-1.docker.io
            user/app:v1                     | docker.io/user/app:v1                     | user/app:v1                       | registry-1.docker.io
            docker.io/library/a/b           | docker.io/library/a/b:latest              | library/a/b:latest                | registry-1.docker.io
            localhost:5000/team/app:v1      | localhost:5000/team/app:v1                | localhost:5000/team/app:v1        | localhost:5000
            localhost/library/app           | localhost/library/app:latest              | localhost/library/app:latest      | localhost
            ghcr.io/acme/api:1.2            | ghcr.io/acme/api:1.2                      | ghcr.io/acme/api:1.2              | ghcr.io
            [::1]:5000/app                  | [::1]:5000/app:latest                     | [::1]:5000/app:latest             | [::1]:5000
            app@{D}                         | docker.io/library/app@{D}                 | app@{D}                           | registry-1.docker.io
            ghcr.io/a/b:t@{D}               | ghcr.io/a/b:t@{D}                         | ghcr.io/a/b:t@{D}                 | ghcr.io
            """)
    void rendersCanonicalFamiliarAndApiHost(String input, String canonicalForm, String familiarForm, String apiHost) {
        Reference ref = Reference.parse(d(input));
        String canonical = d(canonicalForm);
        String familiar = d(familiarForm);
        assertAll(
                () -> assertEquals(canonical, ref.canonical(), "canonical"),
                () -> assertEquals(canonical, ref.toString(), "toString"),
                () -> assertEquals(familiar, ref.familiar(), "familiar"),
                () -> assertEquals(apiHost, ref.apiHost(), "apiHost"),
                () -> assertEquals(apiHost.equals(Reference.DOCKER_HUB_API_HOST), ref.isDockerHub(), "isDockerHub"));
    }

    /** Both renderings must name the same image when typed back in: familiar() is what users copy. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nginx", "nginx:1.27", "user/app", "library/nginx", "docker.io/library/a/b",
            "docker.io/library/a/b/c:1", "index.docker.io/library/x", "localhost/name", "localhost:5000/team/app:v1",
            "[::1]:5000/app", "[2001:db8::1]/x", "ghcr.io/acme/api:1.2", "Upper/app", "app@" + DIGEST,
            "app:tag@" + DIGEST})
    void canonicalAndFamiliarFormsParseBackToTheSameImage(String input) {
        Reference ref = Reference.parse(input);
        Reference fromFamiliar = Reference.parse(ref.familiar());
        Reference fromCanonical = Reference.parse(ref.canonical());
        assertAll(
                () -> assertEquals(ref.canonical(), fromFamiliar.canonical(), "via familiar " + ref.familiar()),
                () -> assertEquals(ref.canonical(), fromCanonical.canonical(), "via canonical"));
    }

    static Stream<Arguments> invalidReferences() {
        return Stream.of(
                Arguments.of("uppercase repository", "localhost:5000/Team/app", "must be lowercase"),
                Arguments.of("uppercase one-segment Hub name", "NGINX:latest", "must be lowercase"),
                Arguments.of("empty", "", "it is empty"),
                Arguments.of("blank", "   ", "it is empty"),
                Arguments.of("only a tag", ":tag", "the repository name is empty"),
                Arguments.of("only a digest", "@" + DIGEST, "the repository name is empty"),
                Arguments.of("registry without repository", "localhost:5000/", "the repository name is empty"),
                Arguments.of("tag starting with '-'", "app:-x", "'-x' is not a valid tag"),
                Arguments.of("tag starting with '.'", "app:.x", "'.x' is not a valid tag"),
                Arguments.of("tag with '+'", "app:1.0+build", "'1.0+build' is not a valid tag"),
                Arguments.of("empty tag", "app:", "'' is not a valid tag"),
                Arguments.of("tag of 129 characters", "app:" + "t".repeat(129), "is not a valid tag (up to 128"),
                Arguments.of("digest too short", "app@sha256:" + HEX.substring(1), "expected 64 lowercase hex characters"),
                Arguments.of("digest too long", "app@sha256:" + HEX + "0", "expected 64 lowercase hex characters"),
                Arguments.of("digest in upper case", "app@sha256:" + HEX.toUpperCase(), "expected 64 lowercase hex characters"),
                Arguments.of("unknown algorithm", "app@md5:900150983cd24fb0d6963f7d28e17f72",
                        "unsupported digest algorithm 'md5'"),
                Arguments.of("digest without hex", "app@sha256:", "expected 64 lowercase hex characters, got ''"),
                Arguments.of("digest without algorithm", "app@" + HEX, "expected algorithm:hex"),
                Arguments.of("empty path component", "a//b", "'' is not a valid repository path component"),
                Arguments.of("leading separator", "-app", "'-app' is not a valid repository path component"),
                Arguments.of("trailing separator", "app-", "'app-' is not a valid repository path component"),
                Arguments.of("double dot", "a..b", "'a..b' is not a valid repository path component"),
                Arguments.of("triple underscore", "a___b", "'a___b' is not a valid repository path component"),
                Arguments.of("trailing slash", "user/app/", "'' is not a valid repository path component"),
                Arguments.of("space in name", "my app", "'my app' is not a valid repository path component"),
                Arguments.of("port out of range", "host:99999/app", "port 99999 is out of range"),
                Arguments.of("port zero", "host:0/app", "port 0 is out of range"),
                Arguments.of("port of six digits", "host:123456/app", "'host:123456' is not a valid registry host[:port]"),
                Arguments.of("dotted first segment is a host, so '_' is not allowed", "a.b__c/app",
                        "'a.b__c' is not a valid registry host[:port]"),
                Arguments.of("host with bad character", "my_host.com/app", "'my_host.com' is not a valid registry host[:port]"),
                Arguments.of("name longer than 255", "localhost:5000/" + "a".repeat(256), "longer than 255 characters"),
                Arguments.of("Hub name longer than 255 with library/", "a".repeat(250), "longer than 255 characters"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("invalidReferences")
    void rejectsInvalidReferencesSayingWhatIsWrong(String why, String input, String expectedMessagePart) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Reference.parse(input));
        assertTrue(e.getMessage().startsWith("invalid image reference '" + input + "': "),
                () -> "message should quote the input: " + e.getMessage());
        assertTrue(e.getMessage().contains(expectedMessagePart),
                () -> "expected '" + expectedMessagePart + "' in: " + e.getMessage());
    }

    @Test
    void acceptsRepositoryNamesUpTo255Characters() {
        // Registries limit the repository path to 255 characters (distribution's NameTotalLengthMax).
        String name = "a".repeat(127) + "/" + "b".repeat(127);
        Reference ref = Reference.parse("localhost:5000/" + name);
        assertEquals(255, ref.repository().length());
    }

    @Test
    void acceptsTagsOf128Characters() {
        String tag = "t".repeat(128);
        assertEquals(Optional.of(tag), Reference.parse("app:" + tag).tag());
    }

    @Test
    void keepsTheTextAsTypedIncludingSurroundingBlanks() {
        Reference ref = Reference.parse("  nginx:1.27\t");
        assertEquals("  nginx:1.27\t", ref.original());
        assertEquals("docker.io/library/nginx:1.27", ref.canonical());
    }

    @Test
    void nullIsRejected() {
        assertThrows(NullPointerException.class, () -> Reference.parse(null));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            nginx                     | latest
            nginx:1.27                | 1.27
            localhost:5000/a:v1       | v1
            app@{D}                   | {D}
            app:tag@{D}               | {D}
            """)
    void manifestReferenceIsTheDigestWhenKnownElseTheTag(String input, String expected) {
        assertEquals(d(expected), Reference.parse(d(input)).manifestReference());
    }

    @Test
    void withTagReplacesTagAndDropsTheDigestThatBelongedToTheOldOne() {
        Reference ref = Reference.parse("localhost:5000/team/app:v1@" + DIGEST).withTag("v2");
        assertAll(
                () -> assertEquals(Optional.of("v2"), ref.tag()),
                () -> assertEquals(Optional.empty(), ref.digest()),
                () -> assertEquals("localhost:5000/team/app:v2", ref.canonical()),
                () -> assertEquals("localhost:5000/team/app:v2", ref.original()),
                () -> assertEquals("v2", ref.manifestReference()));
    }

    @Test
    void withDigestKeepsTheTag() {
        Digest digest = Digest.parse(DIGEST);
        Reference ref = Reference.parse("nginx:1.27").withDigest(digest);
        assertAll(
                () -> assertEquals(Optional.of("1.27"), ref.tag()),
                () -> assertEquals(Optional.of(digest), ref.digest()),
                () -> assertEquals("docker.io/library/nginx:1.27@" + DIGEST, ref.canonical()),
                () -> assertEquals("nginx:1.27@" + DIGEST, ref.familiar()),
                () -> assertEquals(DIGEST, ref.manifestReference()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-x", ".x", "", "a b", "a/b", "x:y"})
    void withTagValidatesTheTag(String tag) {
        Reference ref = Reference.parse("nginx");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ref.withTag(tag));
        assertTrue(e.getMessage().contains("is not a valid tag"), e.getMessage());
    }

    @Test
    void ofRepositoryHasNeitherTagNorDigest() {
        Reference ref = Reference.ofRepository("localhost:5000", "team/app");
        assertAll(
                () -> assertEquals(Optional.empty(), ref.tag()),
                () -> assertEquals(Optional.empty(), ref.digest()),
                () -> assertEquals("localhost:5000/team/app", ref.canonical()),
                () -> assertEquals("localhost:5000/team/app", ref.original()),
                () -> assertEquals("latest", ref.manifestReference()));
    }

    @Test
    void ofRepositoryValidates() {
        assertThrows(IllegalArgumentException.class, () -> Reference.ofRepository("localhost:5000", "Team/app"));
        assertThrows(IllegalArgumentException.class, () -> Reference.ofRepository("bad host", "app"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "app, true", "team/app, true", "a/b/c/d, true", "a__b, true", "a--b, true", "a.b_c, true", "0, true",
            "'', false", "Team/app, false", "a//b, false", "/app, false", "app/, false", "a..b, false",
            "_a, false", "a___b, false", "a:b, false", "localhost:5000/app, false"})
    void isValidRepository(String name, boolean expected) {
        assertEquals(expected, Reference.isValidRepository(name));
    }

    @Test
    void hubDefaultsAreDockersOnes() {
        assertEquals("docker.io", Reference.DOCKER_HUB);
        assertEquals("registry-1.docker.io", Reference.DOCKER_HUB_API_HOST);
        assertEquals("latest", Reference.DEFAULT_TAG);
        assertFalse(Reference.parse("localhost/nginx").isDockerHub());
    }

    @Test
    void referencesTypedDifferentlyButNamingTheSameImageAreEqual() {
        Reference shortForm = Reference.parse("nginx");
        Reference longForm = Reference.parse("docker.io/library/nginx:latest");
        assertEquals(longForm, shortForm);
        assertEquals(longForm.hashCode(), shortForm.hashCode());
        assertEquals("nginx", shortForm.original());
        assertFalse(Reference.parse("nginx:1.27").equals(shortForm));
    }
}
