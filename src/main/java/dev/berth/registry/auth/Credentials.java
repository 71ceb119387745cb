package dev.berth.registry.auth;

import java.util.Objects;

/**
 * What a client presents to a registry or its token service. The secret never appears in
 * {@link #toString()}, so a credential can be logged or put in an exception by mistake without leaking.
 */
public sealed interface Credentials {

    /** No credentials: anonymous access (public repositories, anonymous tokens). */
    record Anonymous() implements Credentials {
        @Override
        public String toString() {
            return "anonymous";
        }
    }

    /** A username with a password or a personal access token. */
    record Basic(String username, String secret) implements Credentials {
        public Basic {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(secret, "secret");
            if (username.isEmpty()) throw new IllegalArgumentException("username is empty");
        }

        @Override
        public String toString() {
            return "basic(" + username + ", ****)";
        }
    }

    /**
     * An OAuth2 refresh token (Docker's "identitytoken", username {@code <token>}), exchanged at
     * the token realm with {@code grant_type=refresh_token}.
     */
    record IdentityToken(String username, String refreshToken) implements Credentials {
        public IdentityToken {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(refreshToken, "refreshToken");
        }

        @Override
        public String toString() {
            return "identity-token(" + username + ", ****)";
        }
    }

    static Credentials anonymous() {
        return new Anonymous();
    }

    static Credentials basic(String username, String secret) {
        return new Basic(username, secret);
    }
}
