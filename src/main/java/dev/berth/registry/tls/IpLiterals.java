package dev.berth.registry.tls;

import java.util.Optional;

/**
 * Parses IP address literals by hand, so that deciding whether a host is loopback or link-local
 * never asks DNS ({@code InetAddress.getByName} resolves anything it does not recognise as a literal).
 */
final class IpLiterals {

    /**
     * The canonical dotted quad only: four decimal parts 0–255 without leading zeros. Used where a
     * "yes" loosens security (plain http for loopback), so that no ambiguous spelling qualifies.
     */
    static Optional<byte[]> ipv4Strict(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) return Optional.empty();
        byte[] address = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) return Optional.empty();
            if (part.length() > 1 && part.charAt(0) == '0') return Optional.empty();
            int value = Integer.parseInt(part);
            if (value > 255) return Optional.empty();
            address[i] = (byte) value;
        }
        return Optional.of(address);
    }

    /**
     * Every spelling the C library's {@code inet_aton} accepts: one to four parts, each decimal,
     * octal (leading 0) or hex (0x), the last filling the remaining bytes ({@code 2852039166},
     * {@code 0xa9.0xfe.0xa9fe}). Used where a "yes" tightens security (refusing metadata addresses),
     * because the system resolver would turn those spellings into the forbidden address.
     */
    static Optional<byte[]> ipv4Lenient(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length < 1 || parts.length > 4) return Optional.empty();
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Optional<Long> value = number(parts[i]);
            if (value.isEmpty()) return Optional.empty();
            values[i] = value.get();
        }
        for (int i = 0; i < parts.length - 1; i++) {
            if (values[i] > 255) return Optional.empty();
        }
        int lastBytes = 5 - parts.length;
        if (values[parts.length - 1] >= 1L << (8 * lastBytes)) return Optional.empty();
        byte[] address = new byte[4];
        for (int i = 0; i < parts.length - 1; i++) address[i] = (byte) values[i];
        long last = values[parts.length - 1];
        for (int i = 3; i >= parts.length - 1; i--) {
            address[i] = (byte) last;
            last >>>= 8;
        }
        return Optional.of(address);
    }

    private static Optional<Long> number(String part) {
        String lower = part.toLowerCase(java.util.Locale.ROOT);
        int radix = 10;
        String digits = lower;
        if (lower.startsWith("0x")) {
            radix = 16;
            digits = lower.substring(2);
            if (digits.isEmpty()) return Optional.of(0L); // inet_aton reads a bare "0x" as zero
        } else if (lower.length() > 1 && lower.startsWith("0")) {
            radix = 8;
            digits = lower.substring(1);
        }
        if (digits.isEmpty() || digits.length() > 12) return Optional.empty();
        try {
            long value = Long.parseLong(digits, radix);
            return value < 0 ? Optional.empty() : Optional.of(value);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * An IPv6 literal (RFC 4291 text forms, {@code ::} compression, trailing dotted quad), without
     * brackets; a zone ({@code %eth0}) is ignored.
     */
    static Optional<byte[]> ipv6(String text) {
        int zone = text.indexOf('%');
        String address = zone >= 0 ? text.substring(0, zone) : text;
        if (!address.contains(":")) return Optional.empty();
        int gap = address.indexOf("::");
        if (gap >= 0 && address.indexOf("::", gap + 1) >= 0) return Optional.empty();
        int[] head = gap >= 0 ? groups(address.substring(0, gap), false) : groups(address, true);
        int[] tail = gap >= 0 ? groups(address.substring(gap + 2), true) : new int[0];
        if (head == null || tail == null) return Optional.empty();
        int count = head.length + tail.length;
        if (gap >= 0 ? count > 7 : count != 8) return Optional.empty();
        byte[] bytes = new byte[16];
        for (int i = 0; i < head.length; i++) put(bytes, i, head[i]);
        for (int i = 0; i < tail.length; i++) put(bytes, 8 - tail.length + i, tail[i]);
        return Optional.of(bytes);
    }

    private static void put(byte[] bytes, int group, int value) {
        bytes[2 * group] = (byte) (value >> 8);
        bytes[2 * group + 1] = (byte) value;
    }

    /** Colon-separated 16-bit groups; {@code null} if malformed. A dotted quad may end the address. */
    private static int[] groups(String text, boolean mayEndWithIpv4) {
        if (text.isEmpty()) return new int[0];
        String[] parts = text.split(":", -1);
        int[] groups = new int[parts.length + 1];
        int count = 0;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (i == parts.length - 1 && mayEndWithIpv4 && part.contains(".")) {
                Optional<byte[]> ipv4 = ipv4Strict(part);
                if (ipv4.isEmpty()) return null;
                byte[] b = ipv4.get();
                groups[count++] = (b[0] & 0xFF) << 8 | (b[1] & 0xFF);
                groups[count++] = (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
                continue;
            }
            if (part.isEmpty() || part.length() > 4) return null;
            int value = 0;
            for (char c : part.toCharArray()) {
                int digit = Character.digit(c, 16);
                if (digit < 0) return null;
                value = value << 4 | digit;
            }
            groups[count++] = value;
        }
        return java.util.Arrays.copyOf(groups, count);
    }

    private IpLiterals() {}
}
