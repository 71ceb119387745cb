package dev.berth.domain;

/**
 * Text from a registry made safe to show: control characters (C0, DEL, C1 — escape sequences,
 * carriage returns, bells), bidirectional overrides and line separators become visible
 * {@code \}{@code uXXXX} escapes, so a name can neither drive a terminal nor fake a line.
 */
public final class Printable {

    private Printable() {}

    /** {@code text} in double quotes, every unsafe character (newlines too), quote and backslash escaped. */
    public static String quoted(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') out.append('\\').append(c);
            else appendSafe(out, c);
        }
        return out.append('"').toString();
    }

    /** {@code text} with every unsafe character escaped, line feeds too: for a name inside a sentence. */
    public static String escaped(String text) {
        if (text.chars().noneMatch(c -> isUnsafe((char) c))) return text;
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) appendSafe(out, text.charAt(i));
        return out.toString();
    }

    /** {@code text} with unsafe characters escaped; line feeds are kept (messages may have several lines). */
    public static String lines(String text) {
        if (text.chars().noneMatch(c -> c != '\n' && isUnsafe((char) c))) return text;
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') out.append(c);
            else appendSafe(out, c);
        }
        return out.toString();
    }

    /** True for a character a terminal may act on instead of showing: controls, bidi overrides, line separators. */
    public static boolean isUnsafe(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')
                || c == '\u2028' || c == '\u2029' || c == '\u200e' || c == '\u200f' || c == '\u061c';
    }

    /** Appends {@code c}, or its {@code \}{@code uXXXX} escape when unsafe. */
    public static void appendSafe(StringBuilder out, char c) {
        if (isUnsafe(c)) out.append(String.format("\\u%04x", (int) c));
        else out.append(c);
    }
}
