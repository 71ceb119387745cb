package dev.berth.domain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A content digest such as {@code sha256:0123…}: the algorithm and its lowercase hex encoding,
 * validated for length, so a layer digest and a tag can never be confused.
 */
public record Digest(String algorithm, String hex) implements Comparable<Digest>, TagOrDigest {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

    public Digest {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(hex, "hex");
        int expected = switch (algorithm) {
            case "sha256" -> 64;
            case "sha512" -> 128;
            default -> throw new IllegalArgumentException(
                    "unsupported digest algorithm '" + algorithm + "' (expected sha256 or sha512)");
        };
        if (hex.length() != expected || !HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("invalid " + algorithm + " digest: expected " + expected
                    + " lowercase hex characters, got '" + abbreviate(hex) + "'");
        }
    }

    /** Parses {@code algorithm:hex}. */
    public static Digest parse(String text) {
        Objects.requireNonNull(text, "digest");
        int colon = text.indexOf(':');
        if (colon <= 0) throw new IllegalArgumentException("invalid digest '" + abbreviate(text) + "': expected algorithm:hex");
        return new Digest(text.substring(0, colon), text.substring(colon + 1));
    }

    private static final Pattern VALID = Pattern.compile("sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128}");

    /** True when {@code text} is a valid digest. A pattern, not parse-and-catch: it runs for every tag lookup. */
    public static boolean isDigest(String text) {
        return text != null && VALID.matcher(text).matches();
    }

    public static Digest sha256(byte[] content) {
        return of("sha256", content);
    }

    /** The digest of {@code content} with {@code algorithm} (sha256 or sha512). */
    public static Digest of(String algorithm, byte[] content) {
        MessageDigest md = newMessageDigest(algorithm);
        return new Digest(algorithm, HexFormat.of().formatHex(md.digest(content)));
    }

    /** A fresh hasher for this digest's algorithm, for verifying streamed content. */
    public MessageDigest newHasher() {
        return newMessageDigest(algorithm);
    }

    /** True when {@code hash} (the output of {@link #newHasher()}) matches this digest. */
    public boolean matches(byte[] hash) {
        return hex.equals(HexFormat.of().formatHex(hash));
    }

    /** The first 12 hex characters, as Docker shows image ids. */
    public String shortHex() {
        return hex.substring(0, 12);
    }

    @Override
    public String text() {
        return toString();
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }

    @Override
    public int compareTo(Digest other) {
        return toString().compareTo(other.toString());
    }

    private static MessageDigest newMessageDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(switch (algorithm) {
                case "sha256" -> "SHA-256";
                case "sha512" -> "SHA-512";
                default -> throw new IllegalArgumentException("unsupported digest algorithm '" + algorithm + "'");
            });
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
