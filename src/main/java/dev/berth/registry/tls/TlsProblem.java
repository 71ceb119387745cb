package dev.berth.registry.tls;

import java.util.Objects;

/**
 * A TLS failure explained for a person: what went wrong and what to do about it.
 *
 * @param kind what went wrong, for code that reacts differently (e.g. opens the TLS settings)
 * @param message a sentence that names the fix
 */
public record TlsProblem(Kind kind, String message) {

    public enum Kind {
        /** No trusted CA vouches for the server's certificate. */
        UNTRUSTED_CERTIFICATE,
        /** The certificate is trusted but issued for other names. */
        HOSTNAME_MISMATCH,
        /** The server's certificate is past its end date. */
        CERTIFICATE_EXPIRED,
        /** The server's certificate starts in the future (often a wrong clock). */
        CERTIFICATE_NOT_YET_VALID,
        /** The server wants a client certificate and got none it accepts. */
        CLIENT_CERTIFICATE_REQUIRED,
        /** The server refused the client certificate it was given. */
        CLIENT_CERTIFICATE_REJECTED,
        /** https was used but the server answered in plain HTTP. */
        SERVER_SPEAKS_PLAIN_HTTP,
        /** http was used but the server expects TLS. */
        SERVER_EXPECTS_TLS,
        /** Any other TLS failure. */
        HANDSHAKE_FAILED
    }

    public TlsProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return message;
    }
}
