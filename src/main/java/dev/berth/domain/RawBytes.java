package dev.berth.domain;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Bytes exactly as a registry sent them (a manifest, a config). Digests are computed from these,
 * never from a re-serialised form, because any change of whitespace changes the digest.
 */
public final class RawBytes {

    private final byte[] bytes;

    private RawBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    public static RawBytes of(byte[] bytes) {
        return new RawBytes(bytes.clone());
    }

    public static RawBytes utf8(String text) {
        return new RawBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] toByteArray() {
        return bytes.clone();
    }

    public InputStream newInputStream() {
        return new ByteArrayInputStream(bytes);
    }

    public int size() {
        return bytes.length;
    }

    public Digest digest(String algorithm) {
        return Digest.of(algorithm, bytes);
    }

    public Digest sha256() {
        return Digest.sha256(bytes);
    }

    public String asUtf8() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RawBytes raw && Arrays.equals(bytes, raw.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "RawBytes[" + bytes.length + " bytes]";
    }
}
