package dev.berth.ui.common;

import dev.berth.registry.RegistryException;
import java.util.Objects;

/**
 * An error as a person reads it: a short title, what happened and what to do, and the technical
 * detail kept for the "details" expander.
 */
public record UserMessage(String title, String text, String detail, Kind kind) {

    public enum Kind { AUTH, PERMISSION, NOT_FOUND, UNSUPPORTED, RATE_LIMITED, NETWORK, PROTOCOL, REFUSED, OTHER }

    public UserMessage {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(kind, "kind");
    }

    /** True when fixing the connection's credentials could help. */
    public boolean offersCredentialFix() {
        return kind == Kind.AUTH;
    }

    public static UserMessage of(Throwable error) {
        String text = error.getMessage() == null ? error.toString() : error.getMessage();
        String detail = error.getClass().getSimpleName() + (error.getCause() != null ? " ← " + error.getCause() : "");
        return switch (error) {
            case RegistryException.Unauthorized e -> new UserMessage("Sign-in needed", text, detail, Kind.AUTH);
            case RegistryException.Forbidden e -> new UserMessage("Not allowed", text, detail, Kind.PERMISSION);
            case RegistryException.NotFound e -> new UserMessage("Not found", text, detail, Kind.NOT_FOUND);
            case RegistryException.Unsupported e -> new UserMessage("Not supported by this registry", text, detail, Kind.UNSUPPORTED);
            case RegistryException.RateLimited e -> new UserMessage("Rate limited", text, detail, Kind.RATE_LIMITED);
            case RegistryException.TransportFailure e -> new UserMessage("Cannot reach the registry", text, detail, Kind.NETWORK);
            case RegistryException.ProtocolViolation e -> new UserMessage("Unexpected answer", text, detail, Kind.PROTOCOL);
            case RegistryException.Refused e -> new UserMessage("Refused for your safety", text, detail, Kind.REFUSED);
            default -> new UserMessage("Something went wrong", text, detail, Kind.OTHER);
        };
    }
}
