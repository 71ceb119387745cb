package dev.berth.cleanup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Ages, versions and policy files: the values a person types. */
class RulesValuesTest {

    @ParameterizedTest
    @CsvSource({"12h, PT12H", "30d, PT720H", "2w, PT336H", " 7D , PT168H"})
    void agesParse(String text, String duration) {
        assertEquals(Duration.parse(duration), Ages.parse(text));
    }

    @ParameterizedTest
    @CsvSource({"30", "30m", "0d", "-1d", "1y", "''"})
    void badAgesSayHowToWriteThem(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ages.parse(text));
        assertTrue(e.getMessage().contains("d") , e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"PT720H, 30d", "PT336H, 2w", "PT36H, 36h"})
    void agesFormatExactly(String duration, String text) {
        assertEquals(text, Ages.format(Duration.parse(duration)));
    }

    @ParameterizedTest
    @CsvSource({"v1.10.0, v1.9.3", "1.0.0, 1.0.0-rc.2", "1.0.0-rc.10, 1.0.0-rc.2", "1.0.0-rc.1, 1.0.0-beta", "2, 1.99.99",
            "1.0.0-alpha.beta, 1.0.0-alpha.1", "1.0.0-alpha.1, 1.0.0-alpha"})
    void versionsOrderBySemver(String higher, String lower) {
        assertTrue(VersionOrder.parse(higher).orElseThrow().compareTo(VersionOrder.parse(lower).orElseThrow()) > 0, higher + " > " + lower);
    }

    @ParameterizedTest
    @CsvSource({"latest", "main-abc123", "sha256-abc", "1.2.3.4", "v", "release"})
    void nonVersionsAreNotVersions(String tag) {
        assertEquals(Optional.empty(), VersionOrder.parse(tag));
    }

    @Test
    void versionAliasesAreEqual() {
        assertEquals(0, VersionOrder.parse("1.4").orElseThrow().compareTo(VersionOrder.parse("v1.4.0+build.7").orElseThrow()));
    }

    @Test
    void policiesRoundTripThroughAPrivateFile(@TempDir Path dir) throws Exception {
        CleanupPolicy policy = new CleanupPolicy(List.of(
                new PolicyScope("*", RetentionRules.keepLast(10).withProtect("latest", "stable")),
                new PolicyScope("team/", RetentionRules.olderThan(Duration.ofDays(30)).withKeepLast(3).withInclude("v.*")
                        .withExclude("v0\\..*").withOrder(RetentionRules.Order.VERSION))));
        Path file = dir.resolve("sub/policy.json");
        PolicyFiles.write(file, policy);
        assertEquals(policy, PolicyFiles.read(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(Files.readString(file).contains("\"olderThan\" : \"30d\""), Files.readString(file));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}|no \"berthCleanupPolicy\"",
            "{\"berthCleanupPolicy\":2,\"scopes\":[]}|not supported",
            "{\"berthCleanupPolicy\":1,\"scopes\":[{\"repositories\":\"a\",\"keeplast\":3}]}|scopes[0]: unknown key \"keeplast\"",
            "{\"berthCleanupPolicy\":1,\"scopes\":[{\"repositories\":\"a\",\"keepLast\":\"3\"}]}|whole number",
            "{\"berthCleanupPolicy\":1,\"scopes\":[{\"repositories\":\"a\",\"olderThan\":\"1 month\"}]}|not an age",
            "{\"berthCleanupPolicy\":1,\"scopes\":[{\"repositories\":\"a\",\"keepLast\":1,\"include\":[\"(\"]}]}|not a valid regular",
            "{\"berthCleanupPolicy\":1,\"scopes\":[{\"repositories\":\"a\",\"protect\":[\"latest\"]}]}|every tag",
            "not json|not a JSON document"})
    void badPolicyFilesSayWhatIsWrong(String json, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PolicyFiles.fromJson(json));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
