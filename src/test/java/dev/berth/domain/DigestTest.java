package dev.berth.domain;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DigestTest {

    static final String SHA256_EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    static final String SHA256_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    static final String SHA512_EMPTY = "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
            + "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e";
    static final String SHA512_ABC = "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
            + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f";

    /** Known-answer vectors (FIPS 180-2 for "abc"). */
    @ParameterizedTest(name = "{0}(\"{1}\")")
    @CsvSource({
            "sha256, '',  " + SHA256_EMPTY,
            "sha256, abc, " + SHA256_ABC,
            "sha512, '',  " + SHA512_EMPTY,
            "sha512, abc, " + SHA512_ABC})
    void ofMatchesKnownVectors(String algorithm, String content, String hex) {
        Digest digest = Digest.of(algorithm, content.getBytes(StandardCharsets.UTF_8));
        assertEquals(algorithm + ":" + hex, digest.toString());
        assertEquals(new Digest(algorithm, hex), digest);
    }

    @Test
    void sha256IsOfSha256() {
        assertEquals("sha256:" + SHA256_EMPTY, Digest.sha256(new byte[0]).toString());
        assertEquals("sha256:" + SHA256_ABC, Digest.sha256("abc".getBytes(StandardCharsets.US_ASCII)).toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "sha256:" + SHA256_ABC + ", sha256, " + SHA256_ABC,
            "sha512:" + SHA512_ABC + ", sha512, " + SHA512_ABC,
            "sha256:" + "0000000000000000000000000000000000000000000000000000000000000000, sha256, "
                    + "0000000000000000000000000000000000000000000000000000000000000000"})
    void parsesAndFormatsValidDigests(String text, String algorithm, String hex) {
        Digest digest = Digest.parse(text);
        assertAll(
                () -> assertEquals(algorithm, digest.algorithm()),
                () -> assertEquals(hex, digest.hex()),
                () -> assertEquals(text, digest.toString()),
                () -> assertTrue(Digest.isDigest(text)));
    }

    /** {H} stands for the sha256 hex of "abc", {H512} for the sha512 one. */
    @ParameterizedTest(name = "[{index}] ''{0}''")
    @CsvSource(delimiter = '|', textBlock = """
            # text                        | expected message part
            ''                            | expected algorithm:hex
            {H}                           | expected algorithm:hex
            :{H}                          | expected algorithm:hex
            sha256                        | expected algorithm:hex
            sha256:                       | expected 64 lowercase hex characters, got ''
            sha256:abc                    | expected 64 lowercase hex characters, got 'abc'
            sha256:{H}0                   | expected 64 lowercase hex characters
            sha256:{H512}                 | expected 64 lowercase hex characters
            sha512:{H}                    | expected 128 lowercase hex characters
            sha256:{HU}                   | expected 64 lowercase hex characters
            sha256:{HG}                   | expected 64 lowercase hex characters
            sha256: {H}                   | expected 64 lowercase hex characters
            SHA256:{H}                    | unsupported digest algorithm 'SHA256'
            md5:900150983cd24fb0d6963f7d28e17f72 | unsupported digest algorithm 'md5'
            sha384:{H}                    | unsupported digest algorithm 'sha384'
            """)
    void rejectsInvalidDigestsSayingWhy(String template, String expectedMessagePart) {
        String text = template.replace("{H512}", SHA512_ABC)
                .replace("{HU}", SHA256_ABC.toUpperCase())
                .replace("{HG}", SHA256_ABC.substring(1) + "g")
                .replace("{H}", SHA256_ABC);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Digest.parse(text));
        assertTrue(e.getMessage().contains(expectedMessagePart), () -> "expected '" + expectedMessagePart + "' in " + e.getMessage());
        assertFalse(Digest.isDigest(text));
    }

    @Test
    void longInvalidInputIsAbbreviatedInTheMessage() {
        String text = "sha256:" + "a".repeat(10_000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Digest.parse(text));
        assertTrue(e.getMessage().length() < 300, e.getMessage());
        assertTrue(e.getMessage().contains("..."), e.getMessage());
    }

    @Test
    void nullIsRejected() {
        assertThrows(NullPointerException.class, () -> Digest.parse(null));
        assertThrows(NullPointerException.class, () -> new Digest(null, SHA256_ABC));
        assertThrows(NullPointerException.class, () -> new Digest("sha256", null));
    }

    @Test
    void ofRejectsUnsupportedAlgorithms() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Digest.of("md5", new byte[0]));
        assertTrue(e.getMessage().contains("md5"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"sha256:" + SHA256_ABC + ", ba7816bf8f01", "sha512:" + SHA512_ABC + ", ddaf35a19361"})
    void shortHexIsTheFirstTwelveCharacters(String text, String expected) {
        assertEquals(expected, Digest.parse(text).shortHex());
    }

    @ParameterizedTest
    @CsvSource({"sha256", "sha512"})
    void newHasherVerifiesStreamedContent(String algorithm) {
        byte[] content = "hello, registry".repeat(1000).getBytes(StandardCharsets.UTF_8);
        Digest expected = Digest.of(algorithm, content);

        MessageDigest hasher = expected.newHasher();
        for (int offset = 0; offset < content.length; offset += 4096) {
            hasher.update(content, offset, Math.min(4096, content.length - offset));
        }
        assertTrue(expected.matches(hasher.digest()));

        MessageDigest other = expected.newHasher();
        other.update(content, 0, content.length - 1);
        assertFalse(expected.matches(other.digest()), "one byte short must not match");
    }

    @Test
    void matchesIsFalseForAHashOfAnotherLength() {
        Digest digest = Digest.parse("sha256:" + SHA256_ABC);
        assertFalse(digest.matches(new byte[0]));
        assertFalse(digest.matches(Digest.of("sha512", "abc".getBytes(StandardCharsets.UTF_8)).newHasher().digest()));
    }

    @Test
    void equalityIsByValue() {
        Digest a = Digest.parse("sha256:" + SHA256_ABC);
        Digest b = new Digest("sha256", SHA256_ABC);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, Digest.parse("sha256:" + SHA256_EMPTY));
    }

    @Test
    void compareToOrdersByTextAndIsConsistentWithEquals() {
        Digest abc = Digest.parse("sha256:" + SHA256_ABC);
        Digest empty = Digest.parse("sha256:" + SHA256_EMPTY);
        Digest abc512 = Digest.parse("sha512:" + SHA512_ABC);
        Digest zeros = Digest.parse("sha256:" + "0".repeat(64));

        assertEquals(0, abc.compareTo(new Digest("sha256", SHA256_ABC)));
        assertTrue(abc.compareTo(empty) < 0, "b... sorts before e...");
        assertTrue(empty.compareTo(abc) > 0);
        assertTrue(empty.compareTo(abc512) < 0, "sha256 sorts before sha512");

        List<Digest> digests = new ArrayList<>(List.of(abc512, empty, zeros, abc));
        Collections.sort(digests);
        assertEquals(List.of(zeros, abc, empty, abc512), digests);
    }
}
