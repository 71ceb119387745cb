package dev.berth.ui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AboutInfoTest {

    private static final Path HOME = Path.of("/users/ann");

    @Test
    void namesTheVersionAndEveryPlaceBerthKeepsFiles() {
        AboutInfo about = AboutInfo.of("Linux", Map.of("XDG_CACHE_HOME", "/var/cache/ann"), HOME);
        assertEquals(System.getProperty("berth.expectedVersion"), about.version());
        assertEquals(List.of(Path.of("/users/ann/.config/berth"), Path.of("/users/ann/.local/share/berth/journal"),
                        Path.of("/var/cache/ann/berth"), Path.of("/users/ann/.local/state/berth/logs")),
                about.places().stream().map(AboutInfo.Place::path).toList());
    }

    @Test
    void everyRuntimeDependencyOfThePomHasItsLicenceShown() throws Exception {
        // The pom's compile-scope dependencies, as written in it (test-scoped ones stay out of the installer).
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher dependency = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL).matcher(pom.substring(pom.indexOf("<dependencies>", pom.indexOf("</dependencyManagement>"))));
        Set<String> shown = AboutInfo.LIBRARIES.stream().map(AboutInfo.Library::artifact).collect(Collectors.toSet());
        int checked = 0;
        while (dependency.find()) {
            String body = dependency.group(1);
            if (body.contains("<scope>test</scope>")) continue;
            Matcher artifact = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(body);
            assertTrue(artifact.find());
            assertTrue(shown.contains(artifact.group(1)), artifact.group(1) + " is bundled but About does not show its licence");
            checked++;
        }
        assertTrue(checked >= 10, "read only " + checked + " dependencies from pom.xml");
    }
}
