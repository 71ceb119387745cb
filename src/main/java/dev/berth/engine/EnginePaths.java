package dev.berth.engine;

import java.nio.charset.StandardCharsets;

/** Image names inside Engine API paths, where Docker and Podman accept a name's own '/' and ':' unescaped. */
final class EnginePaths {

    private EnginePaths() {}

    static String name(String name) {
        StringBuilder out = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~/:@".indexOf(c) >= 0) out.append(c);
            else out.append('%').append(String.format("%02X", b & 0xff));
        }
        return out.toString();
    }
}
