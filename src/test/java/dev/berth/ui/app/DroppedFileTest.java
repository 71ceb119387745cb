package dev.berth.ui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.jobs.PlaceKind;
import dev.berth.store.ImageFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Archives go to Push…, layouts to Push… or Open folder, folders of layouts open, and the rest get words. */
class DroppedFileTest {

    private final Path path = Path.of("/data/images/app.tar");

    @Test
    void archivesArePushedAsTheirKind() {
        assertEquals(new DroppedFile.Archive(PlaceKind.DOCKER_ARCHIVE, path), DroppedFile.of(path, ImageFiles.Kind.DOCKER_ARCHIVE));
        assertEquals(new DroppedFile.Archive(PlaceKind.OCI_ARCHIVE, path), DroppedFile.of(path, ImageFiles.Kind.OCI_ARCHIVE));
    }

    @Test
    void layoutsAndFoldersOfLayouts() {
        assertEquals(new DroppedFile.Layout(path), DroppedFile.of(path, ImageFiles.Kind.OCI_LAYOUT));
        assertEquals(new DroppedFile.LayoutFolder(path), DroppedFile.of(path, ImageFiles.Kind.FOLDER_OF_LAYOUTS));
    }

    @ParameterizedTest
    @EnumSource(value = ImageFiles.Kind.class, names = {"COMPRESSED", "OTHER_TAR", "NOT_AN_IMAGE", "MISSING"})
    void theRestIsRefusedWithWhatBerthAccepts(ImageFiles.Kind kind) {
        DroppedFile.Refused refused = assertInstanceOf(DroppedFile.Refused.class, DroppedFile.of(path, kind));
        assertTrue(refused.text().contains("app.tar"), refused.text());
        assertTrue(refused.text().endsWith(DroppedFile.ACCEPTS), refused.text());
    }

    @Test
    void aCompressedArchiveSaysHowToDecompressIt() {
        String text = ((DroppedFile.Refused) DroppedFile.of(path, ImageFiles.Kind.COMPRESSED)).text();
        assertTrue(text.contains("gunzip"), text);
    }
}
