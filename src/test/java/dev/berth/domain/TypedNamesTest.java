package dev.berth.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TypedNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"app", "team/app", "a/b/c/d/e", "my-team/app_1.2", "x"})
    void validRepositoryNamesAreKeptAsTyped(String name) {
        assertEquals(name, RepositoryName.of(name).value());
        assertEquals(name, RepositoryName.of(name).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Team/app", "team//app", "/app", "app/", "app:1.0", "docker.io/library/app@sha256:00", "../etc"})
    void whatIsNoRepositoryNameIsRefused(String name) {
        assertThrows(IllegalArgumentException.class, () -> RepositoryName.of(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "latest", "v1_2-rc.3", "A"})
    void validTagsAreKept(String tag) {
        assertEquals(tag, Tag.of(tag).text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".hidden", "-dash", "has/slash", "has:colon", "sha256:abc"})
    void whatIsNoTagIsRefused(String tag) {
        assertThrows(IllegalArgumentException.class, () -> Tag.of(tag));
    }

    @Test
    void aTagOrADigestIsWhatGoesIntoTheManifestPath() {
        Digest digest = Digest.sha256(new byte[0]);
        List<TagOrDigest> references = List.of(Tag.of("1.0"), digest);
        assertEquals(List.of("1.0", digest.toString()), references.stream().map(TagOrDigest::text).toList());
    }
}
