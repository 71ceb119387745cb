package dev.berth.ui.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Folder connections are shown and pulled by their folder, never by the host only Berth's in-process client answers. */
class RegistryPlaceTest {

    private static final String DIGEST = "sha256:" + "a".repeat(64);

    @Test
    void aRegistryIsItsHostAndIsPulledWithDocker() {
        RegistryPlace place = RegistryPlace.remote("registry.test:5000");
        assertEquals("registry.test:5000", place.where());
        assertEquals("registry.test:5000/team/api", place.repository("team/api"));
        assertEquals(Optional.of("docker pull registry.test:5000/team/api:1.0"), place.pullCommand("team/api", "1.0"));
        assertEquals(Optional.of("docker pull registry.test:5000/team/api@" + DIGEST), place.pullCommand("team/api", DIGEST));
    }

    @Test
    void aFolderIsItsPathAndIsCopiedWithBerthNotPulledFromAnInternalHost() {
        RegistryPlace place = new RegistryPlace("demo.folder.invalid", Optional.of(Path.of("/data/berth/demo")));
        assertEquals("/data/berth/demo", place.where());
        assertEquals("/data/berth/demo/team/api", place.repository("team/api"));
        assertEquals(Optional.of("berth copy oci:/data/berth/demo/team/api:1.0 engine:team/api:1.0"), place.pullCommand("team/api", "1.0"));
        assertEquals(Optional.empty(), place.pullCommand("team/api", DIGEST), "a layout is copied by tag");
        RegistryPlace spaced = new RegistryPlace("my-images.folder.invalid", Optional.of(Path.of("/data/my images")));
        assertEquals(Optional.of("berth copy 'oci:/data/my images/app:v1' engine:app:v1"), spaced.pullCommand("app", "v1"));
    }

    @Test
    void anEmptiedRepositoryStaysUntilGarbageCollectionOnARegistryAndUntilItsDirectoryGoesInAFolder() {
        assertTrue(RegistryPlace.remote("registry.test:5000").noTagsNote().contains("after garbage collection"));
        String folder = new RegistryPlace("demo.folder.invalid", Optional.of(Path.of("/data/berth/demo"))).noTagsNote();
        assertFalse(folder.contains("garbage collection"), folder);
        assertTrue(folder.contains("delete its directory"), folder);
    }
}
