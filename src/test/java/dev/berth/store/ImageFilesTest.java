package dev.berth.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a dropped file or folder holds is told from its content, whatever it is called. */
class ImageFilesTest {

    @TempDir
    Path dir;

    @Test
    void aFolderWithAnOciLayoutFileIsALayout() throws IOException {
        Path layout = Files.createDirectories(dir.resolve("app"));
        Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        assertEquals(ImageFiles.Kind.OCI_LAYOUT, ImageFiles.examine(layout));
    }

    @Test
    void aFolderWithLayoutsBelowItIsAFolderOfLayouts() throws IOException {
        Files.createDirectories(dir.resolve("team/api"));
        Files.writeString(dir.resolve("team/api/oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        assertEquals(ImageFiles.Kind.FOLDER_OF_LAYOUTS, ImageFiles.examine(dir));
    }

    @Test
    void aFolderWithoutLayoutsIsNotAnImage() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "hello");
        assertEquals(ImageFiles.Kind.NOT_AN_IMAGE, ImageFiles.examine(dir));
    }

    @Test
    void aTarWithManifestJsonIsADockerArchiveWhateverItsName() throws IOException {
        Path file = tar("image.bin", "manifest.json", "repositories", "abc/layer.tar");
        assertEquals(ImageFiles.Kind.DOCKER_ARCHIVE, ImageFiles.examine(file));
    }

    @Test
    void dockerTwentyFiveArchivesHaveBothAndAreReadAsDockerArchives() throws IOException {
        Path file = tar("new-docker.tar", "oci-layout", "index.json", "manifest.json", "blobs/sha256/abc");
        assertEquals(ImageFiles.Kind.DOCKER_ARCHIVE, ImageFiles.examine(file));
    }

    @Test
    void aTarOfALayoutIsAnOciArchive() throws IOException {
        Path file = tar("app.tar", "oci-layout", "index.json", "blobs/sha256/abc");
        assertEquals(ImageFiles.Kind.OCI_ARCHIVE, ImageFiles.examine(file));
    }

    @Test
    void aTarWithoutAnImageIsOtherTar() throws IOException {
        assertEquals(ImageFiles.Kind.OTHER_TAR, ImageFiles.examine(tar("backup.tar", "home/notes.txt")));
    }

    @Test
    void compressedFilesAreToldApart() throws IOException {
        Path file = dir.resolve("app.tar.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(Files.readAllBytes(tar("inner.tar", "manifest.json")));
        }
        assertEquals(ImageFiles.Kind.COMPRESSED, ImageFiles.examine(file));
    }

    @Test
    void aTextFileAndNothingAtAll() throws IOException {
        assertEquals(ImageFiles.Kind.NOT_AN_IMAGE, ImageFiles.examine(Files.writeString(dir.resolve("app.tar"), "not a tar")));
        assertEquals(ImageFiles.Kind.NOT_AN_IMAGE, ImageFiles.examine(Files.createFile(dir.resolve("empty"))));
        assertEquals(ImageFiles.Kind.MISSING, ImageFiles.examine(dir.resolve("gone.tar")));
    }

    private Path tar(String name, String... entries) throws IOException {
        Path file = dir.resolve(name);
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(file))) {
            for (String entry : entries) {
                byte[] content = "{}".getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry header = new TarArchiveEntry(entry);
                header.setSize(content.length);
                out.putArchiveEntry(header);
                out.write(content);
                out.closeArchiveEntry();
            }
        }
        return file;
    }
}
