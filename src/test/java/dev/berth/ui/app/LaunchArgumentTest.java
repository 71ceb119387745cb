package dev.berth.ui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An argument is a reference unless it is written as a path or names an image file or layout here. */
class LaunchArgumentTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"nginx", "ghcr.io/acme/api:1.2", "localhost:5000/team/app", "team/app@sha256:"
            + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"})
    void referencesStayReferences(String argument) {
        assertEquals(new LaunchArgument.Reference(argument), LaunchArgument.of(argument, dir));
    }

    @Test
    void aFolderThatHappensToHaveAReferencesNameDoesNotTakeItOver() throws IOException {
        Files.createDirectories(dir.resolve("nginx"));
        assertEquals(new LaunchArgument.Reference("nginx"), LaunchArgument.of("nginx", dir));
    }

    @ParameterizedTest
    @ValueSource(strings = {"app.tar", "./app", "../elsewhere/app.tar", "images/app.TAR", "app.tar.gz"})
    void writtenAsAPathIsAPathReadAgainstTheDirectoryEvenWhenMissing(String argument) {
        assertEquals(new LaunchArgument.FilePath(dir.resolve(argument).toAbsolutePath().normalize()), LaunchArgument.of(argument, dir));
    }

    @Test
    void absolutePathsAndFileUrisArePaths() {
        Path file = dir.resolve("image archive.tar").toAbsolutePath();
        assertEquals(new LaunchArgument.FilePath(file), LaunchArgument.of(file.toString(), Path.of("/elsewhere")));
        assertEquals(new LaunchArgument.FilePath(file), LaunchArgument.of(file.toUri().toString(), Path.of("/elsewhere")));
    }

    @Test
    void aLayoutFolderNamedLikeARepositoryIsAPath() throws IOException {
        Files.createDirectories(dir.resolve("team/app"));
        Files.writeString(dir.resolve("team/app/oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        assertEquals(new LaunchArgument.FilePath(dir.resolve("team/app").toAbsolutePath()), LaunchArgument.of("team/app", dir));
    }

    @Test
    void aLaterStartHandsOverAbsolutePathsAndReferencesAsTyped() {
        assertEquals(List.of("nginx:1.27", dir.resolve("app.tar").toAbsolutePath().toString()),
                LaunchArgument.handedOver(List.of("nginx:1.27", "app.tar"), dir));
    }
}
