package dev.berth.connection;

/** How a connection signs in to its registry. */
public enum AuthMode {
    /** Anonymous: public registries, or a registry on this machine without auth. */
    NONE,
    /**
     * A username (kept with the connection) and a password or access token (kept in the
     * {@link SecretStore}, never in the connections file).
     */
    PASSWORD,
    /** Whatever Docker uses for this registry ({@code docker login}, config.json and its credential helpers). */
    DOCKER
}
