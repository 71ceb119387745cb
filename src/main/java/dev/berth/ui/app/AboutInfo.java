package dev.berth.ui.app;

import dev.berth.cleanup.Journal;
import dev.berth.connection.ConfigDirectories;
import dev.berth.platform.BerthVersion;
import dev.berth.platform.LogDirectory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What the About dialog says: the version, where Berth keeps its files, and the libraries it bundles with their licences. */
record AboutInfo(String version, List<Place> places, List<Library> libraries) {

    /** A directory Berth uses, and what it keeps there. */
    record Place(String what, Path path) {}

    /** A bundled library and its licence, as its project publishes it. */
    record Library(String name, String artifact, String licence) {}

    /**
     * The libraries in an installed Berth, by Maven artifact (AboutInfoTest checks every runtime dependency of
     * the pom is here, so a new one cannot ship without its licence being shown).
     */
    static final List<Library> LIBRARIES = List.of(
            new Library("OpenJDK runtime", "java", "GPL-2.0 with Classpath Exception"),
            new Library("OpenJFX", "javafx-controls", "GPL-2.0 with Classpath Exception"),
            new Library("AtlantaFX", "atlantafx-base", "MIT"),
            new Library("ControlsFX", "controlsfx", "BSD-3-Clause"),
            new Library("Ikonli", "ikonli-javafx", "Apache-2.0"),
            new Library("Ikonli Feather pack", "ikonli-feather-pack", "Apache-2.0 (icons: MIT)"),
            new Library("OkHttp", "okhttp-jvm", "Apache-2.0"),
            new Library("Okio", "okio-jvm", "Apache-2.0"),
            new Library("Kotlin standard library", "kotlin-stdlib", "Apache-2.0"),
            new Library("Jackson", "jackson-databind", "Apache-2.0"),
            new Library("picocli", "picocli", "Apache-2.0"),
            new Library("Apache Commons Compress", "commons-compress", "Apache-2.0"),
            new Library("zstd-jni", "zstd-jni", "BSD-2-Clause"),
            new Library("progressbar", "progressbar", "MIT"),
            new Library("JLine", "jline-terminal", "BSD-3-Clause"),
            new Library("docker-java", "docker-java-core", "Apache-2.0"),
            new Library("docker-java zerodep transport", "docker-java-transport-zerodep", "Apache-2.0"),
            new Library("SLF4J", "slf4j-api", "MIT"),
            new Library("Logback", "logback-classic", "EPL-1.0 or LGPL-2.1"));

    AboutInfo {
        places = List.copyOf(places);
        libraries = List.copyOf(libraries);
    }

    /** For the user running this JVM, as {@code os.name}, the environment and the home directory say. */
    static AboutInfo of(String osName, Map<String, String> env, Path home) {
        ConfigDirectories directories = ConfigDirectories.of(osName, env, home);
        return new AboutInfo(BerthVersion.current(), List.of(
                new Place("Settings and saved connections", directories.config()),
                new Place("Undo journal of deletions", Journal.defaultDirectory(env, home)),
                new Place("Cache (safe to delete)", directories.cache()),
                new Place("Logs", LogDirectory.of(osName, env, home))), LIBRARIES);
    }
}
