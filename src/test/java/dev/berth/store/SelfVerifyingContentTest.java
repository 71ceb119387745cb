package dev.berth.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.MediaType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A blob that comes from an {@link ImageSource} verifies itself as it streams, so a layout stores it
 * without hashing every byte a second time (a pull once spent twice the CPU on SHA-256); what comes
 * from anywhere else is still hashed, and a source that fails at its end still leaves nothing.
 */
class SelfVerifyingContentTest {

    @TempDir
    Path work;

    private static final byte[] CONTENT = "the layer's bytes".getBytes(StandardCharsets.UTF_8);
    private static final Descriptor BLOB = Descriptor.of(MediaType.OCI_LAYER_GZIP, Digest.sha256(CONTENT), CONTENT.length);

    @Test
    void aLayoutDoesNotHashAgainWhatVerifiesItself() throws IOException {
        // Bytes the descriptor does not describe, from a stream that says it checks itself: were they hashed
        // here, the write would fail; stored as they are, they show that the layout trusted the source's check.
        byte[] other = "other bytes, same size".getBytes(StandardCharsets.UTF_8);
        Descriptor claimed = Descriptor.of(MediaType.OCI_LAYER_GZIP, Digest.sha256(CONTENT), other.length);
        try (OciLayout layout = OciLayout.open(work.resolve("layout"))) {
            layout.putBlob(claimed, ImageDestination.BlobContent.fromSource(() -> new ByteArrayInputStream(other)));
            assertEquals(java.util.OptionalLong.of(other.length), layout.blobSize(claimed.digest()));
        }
    }

    @Test
    void contentFromElsewhereIsStillHashed() throws IOException {
        byte[] wrong = "not the layer's bytes".getBytes(StandardCharsets.UTF_8);
        Descriptor claimed = Descriptor.of(MediaType.OCI_LAYER_GZIP, Digest.sha256(CONTENT), wrong.length);
        try (OciLayout layout = OciLayout.open(work.resolve("layout"))) {
            assertThrows(StoreException.Corrupt.class, () -> layout.putBlob(claimed, () -> new ByteArrayInputStream(wrong)));
            assertEquals(List.of(), filesUnder(work));
        }
    }

    @Test
    void aSourceThatFailsAtItsEndLeavesNoBlobAndNoPartialFile() throws IOException {
        try (OciLayout layout = OciLayout.open(work.resolve("layout"))) {
            IOException thrown = assertThrows(IOException.class,
                    () -> layout.putBlob(BLOB, ImageDestination.BlobContent.fromSource(() -> failingAtEnd(CONTENT))));
            assertEquals("digest mismatch at the end", thrown.getMessage());
            assertEquals(List.of(), filesUnder(work));
        }
    }

    @Test
    void aDockerArchiveKeepsNothingOfASourceThatFailsAtItsEnd() throws IOException {
        TinyImage image = TinyImage.of("hello", Compression.GZIP);
        try (ImageDestination archive = DockerArchive.create(work.resolve("app.tar"))) {
            assertThrows(IOException.class, () -> archive.putBlob(image.layer(),
                    ImageDestination.BlobContent.fromSource(() -> failingAtEnd(image.layerBytes()))));
            assertEquals(java.util.OptionalLong.empty(), archive.blobSize(image.layer().digest()));
        }
    }

    /** Like a source's verifying stream that found a mismatch: all the bytes, then an exception instead of the end. */
    private static InputStream failingAtEnd(byte[] bytes) {
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = in.read(b, off, len);
                if (n < 0) throw new IOException("digest mismatch at the end");
                return n;
            }
        };
    }

    private static List<Path> filesUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
