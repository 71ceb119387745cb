package dev.berth.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RawBytesTest {

    @Test
    void ofCopiesTheCallersArray() {
        byte[] source = {1, 2, 3};
        RawBytes raw = RawBytes.of(source);
        source[0] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, raw.toByteArray());
    }

    @Test
    void toByteArrayHandsOutACopy() {
        RawBytes raw = RawBytes.of(new byte[] {1, 2, 3});
        byte[] out = raw.toByteArray();
        out[0] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, raw.toByteArray());
        assertNotSame(raw.toByteArray(), raw.toByteArray());
    }

    @Test
    void inputStreamCannotChangeTheBytes() throws IOException {
        RawBytes raw = RawBytes.utf8("{\"a\": 1}\n");
        try (InputStream in = raw.newInputStream()) {
            assertArrayEquals("{\"a\": 1}\n".getBytes(StandardCharsets.UTF_8), in.readAllBytes());
        }
        try (InputStream again = raw.newInputStream()) {
            assertEquals(9, again.readAllBytes().length, "each stream starts at the beginning");
        }
    }

    @Test
    void equalityIsByContent() {
        RawBytes a = RawBytes.of("abc".getBytes(StandardCharsets.UTF_8));
        RawBytes b = RawBytes.utf8("abc");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, RawBytes.utf8("abd"));
        assertNotEquals(a, RawBytes.utf8("abc "));
        assertFalse(a.equals("abc"));
        assertFalse(a.equals(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "{ \"schemaVersion\" : 2 }\r\n", "héllo ☃"})
    void sizeDigestAndTextAreOfTheExactBytes(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        RawBytes raw = RawBytes.utf8(text);
        assertEquals(bytes.length, raw.size());
        assertEquals(Digest.sha256(bytes), raw.sha256());
        assertEquals(Digest.of("sha512", bytes), raw.digest("sha512"));
        assertEquals(text, raw.asUtf8());
        assertEquals("RawBytes[" + bytes.length + " bytes]", raw.toString());
    }
}
