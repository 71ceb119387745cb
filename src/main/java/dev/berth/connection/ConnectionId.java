package dev.berth.connection;

import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Identifies a saved connection for its whole life, whatever it is renamed or pointed at. It is also
 * the first label of the host name its secrets are stored under (see {@link SecretKey}), hence the
 * host-name alphabet.
 */
public record ConnectionId(String value) {

    private static final Pattern VALID = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    public ConnectionId {
        Objects.requireNonNull(value, "value");
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("not a connection id (lower-case letters, digits and '-'): '" + value + "'");
        }
    }

    /** A new, random id. */
    public static ConnectionId random() {
        return new ConnectionId(UUID.randomUUID().toString().toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return value;
    }
}
