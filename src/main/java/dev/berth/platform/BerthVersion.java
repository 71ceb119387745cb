package dev.berth.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Berth's version, as the pom gives it. Read from a resource Maven filters at build time rather than from
 * the jar manifest, so {@code berth --version}, the About dialog and the installers agree even when
 * Berth runs from {@code target/classes} (tests, {@code javafx:run}).
 */
public final class BerthVersion {

    private static final String RESOURCE = "version.properties";

    private BerthVersion() {}

    /** The version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String current() {
        try (InputStream in = BerthVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the build; rebuild with ./mvnw package");
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "");
            if (version.isBlank() || version.contains("${")) {
                throw new IllegalStateException(RESOURCE + " was not filtered by the build; rebuild with ./mvnw package");
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
