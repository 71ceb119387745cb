package dev.berth.registry.tls;

import java.util.Locale;
import java.util.Set;

/**
 * Classifies hosts by their literal text, never by DNS (a lookup could be answered by whoever
 * controls the name): loopback, link-local, cloud metadata.
 */
public final class HostAddresses {

    private static final Set<String> METADATA_NAMES = Set.of(
            "metadata.google.internal", "metadata.goog", "metadata", "instance-data", "instance-data.ec2.internal");

    private HostAddresses() {}

    /** {@code localhost}, 127.0.0.0/8 or ::1 (with or without brackets). */
    public static boolean isLoopback(String host) {
        String h = normalise(host);
        if (h.equals("localhost") || h.endsWith(".localhost")) return true;
        if (h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) return true;
        int[] ipv4 = ipv4(h);
        return ipv4 != null && ipv4[0] == 127;
    }

    /** 169.254.0.0/16, fe80::/10, fd00:ec2::254, and the usual metadata host names. */
    public static boolean isLinkLocalOrMetadata(String host) {
        String h = normalise(host);
        if (METADATA_NAMES.contains(h)) return true;
        int[] ipv4 = ipv4(h);
        if (ipv4 != null) return ipv4[0] == 169 && ipv4[1] == 254;
        if (h.startsWith("::ffff:")) return isLinkLocalOrMetadata(h.substring("::ffff:".length()));
        if (h.contains(":")) {
            return h.matches("fe[89ab][0-9a-f]:.*") || h.startsWith("fd00:ec2:");
        }
        return false;
    }

    private static String normalise(String host) {
        String h = host.toLowerCase(Locale.ROOT).trim();
        if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
        if (h.endsWith(".")) h = h.substring(0, h.length() - 1);
        return h;
    }

    private static int[] ipv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) return null;
        int[] octets = new int[4];
        for (int i = 0; i < 4; i++) {
            if (!parts[i].matches("[0-9]{1,3}")) return null;
            octets[i] = Integer.parseInt(parts[i]);
            if (octets[i] > 255) return null;
        }
        return octets;
    }
}
