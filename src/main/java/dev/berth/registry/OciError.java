package dev.berth.registry;

import java.util.Objects;

/** One entry of a registry's {@code {"errors":[…]}} body: a code such as MANIFEST_UNKNOWN, and text. */
public record OciError(String code, String message, String detail) {
    public OciError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        // Plain-text error bodies have no code: "(: text)" would be the result without this.
        String text = code.isEmpty() ? message : code + (message.isEmpty() ? "" : ": " + message);
        return text + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
