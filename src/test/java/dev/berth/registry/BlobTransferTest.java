package dev.berth.registry;

import dev.berth.work.Progress;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.domain.Descriptor;
import dev.berth.domain.MediaType;
import dev.berth.registry.RealRegistry.Exchanged;
import dev.berth.registry.RealRegistry.Recorder;
import dev.berth.registry.auth.Credentials;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TestImages;
import dev.berth.testing.TestImages.Content;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blob downloads (verified, resumable), streaming reads, and large transfers in bounded memory. */
class BlobTransferTest {

    @TempDir
    static Path work;

    private static RegistryServer registry;
    private static final Recorder wire = new Recorder();
    private static RegistryClient client;
    private static Content layer;

    @BeforeAll
    static void start() throws Exception {
        registry = RegistryServer.builder(work).start();
        layer = TestImages.layer(400, 3 * 1024 * 1024 + 17);
        RegistrySeeder.of(registry).pushBlob("blobs/app", layer);
        client = RealRegistry.plain(registry, Credentials.anonymous(), wire);
    }

    @AfterAll
    static void stop() {
        if (registry != null) registry.close();
    }

    @BeforeEach
    void clearWire() {
        wire.clear();
    }

    @Test
    void downloadVerifiesAndReportsProgress(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("layer");
        AtomicLong done = new AtomicLong();
        client.downloadBlob("blobs/app", RealRegistry.descriptor(layer), target, amount -> {
            assertEquals(layer.size(), amount.total());
            done.set(amount.done());
        });

        assertArrayEquals(layer.bytes(), Files.readAllBytes(target));
        assertEquals(layer.size(), done.get());
        assertNull(wire.with("GET").get(0).range(), "a fresh download asks for everything");
    }

    @Test
    void downloadResumesFromAPartialFile(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("layer");
        int half = (int) (layer.size() / 2);
        Files.write(target, Arrays.copyOf(layer.bytes(), half));

        client.downloadBlob("blobs/app", RealRegistry.descriptor(layer), target, Progress.none());

        assertArrayEquals(layer.bytes(), Files.readAllBytes(target));
        Exchanged get = wire.with("GET").get(0);
        assertEquals("bytes=" + half + "-", get.range());
        assertEquals(206, get.code(), "Distribution served only the rest");
    }

    @Test
    void corruptPrefixIsDetectedAndDiscarded(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("layer");
        byte[] prefix = Arrays.copyOf(layer.bytes(), (int) (layer.size() / 2));
        prefix[100] ^= 0x55;
        Files.write(target, prefix);

        RegistryException e = assertThrows(RegistryException.ProtocolViolation.class,
                () -> client.downloadBlob("blobs/app", RealRegistry.descriptor(layer), target, Progress.none()));

        assertTrue(e.getMessage().contains("discarded"), e.getMessage());
        assertFalse(Files.exists(target), "a corrupt file must not stay behind to be trusted later");
        // The next attempt starts from nothing and succeeds.
        client.downloadBlob("blobs/app", RealRegistry.descriptor(layer), target, Progress.none());
        assertArrayEquals(layer.bytes(), Files.readAllBytes(target));
    }

    @Test
    void fileLongerThanTheBlobIsReplaced(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("layer");
        byte[] longer = Arrays.copyOf(layer.bytes(), (int) layer.size() + 10);
        Files.write(target, longer);

        client.downloadBlob("blobs/app", RealRegistry.descriptor(layer), target, Progress.none());

        assertArrayEquals(layer.bytes(), Files.readAllBytes(target));
    }

    @Test
    void completeFileIsVerifiedWithoutDownloading(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("layer");
        Files.write(target, layer.bytes());
        client.downloadBlob("blobs/app", RealRegistry.descriptor(layer), target, Progress.none());
        assertEquals(List.of(), wire.with("GET"));
        assertArrayEquals(layer.bytes(), Files.readAllBytes(target));
    }

    @Test
    void openBlobStreamsAndVerifies() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = client.openBlob("blobs/app", RealRegistry.descriptor(layer))) {
            in.transferTo(out);
        }
        assertArrayEquals(layer.bytes(), out.toByteArray());

        // A descriptor whose size disagrees with the content: reading to the end must fail, not return data.
        Descriptor wrongSize = Descriptor.of(MediaType.OCI_LAYER_GZIP, RealRegistry.digest(layer), layer.size() + 1);
        RegistryException e = assertThrows(RegistryException.ProtocolViolation.class, () -> {
            try (InputStream in = client.openBlob("blobs/app", wrongSize)) {
                in.transferTo(OutputStreamSink.INSTANCE);
            }
        });
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
        Descriptor shorter = Descriptor.of(MediaType.OCI_LAYER_GZIP, RealRegistry.digest(layer), layer.size() - 1);
        assertThrows(RegistryException.ProtocolViolation.class, () -> {
            try (InputStream in = client.openBlob("blobs/app", shorter)) {
                in.transferTo(OutputStreamSink.INSTANCE);
            }
        });
    }

    @Test
    void openBlobFillsTheCallersArrayNotOneHttpSegmentAtATime() throws Exception {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = client.openBlob("blobs/app", RealRegistry.descriptor(layer))) {
            assertEquals(buffer.length, in.read(buffer), "one read of a 3 MiB blob into a 64 KiB array");
            assertArrayEquals(Arrays.copyOf(layer.bytes(), buffer.length), buffer);
        }
    }

    @Test
    void missingBlobIsNotFound(@TempDir Path dir) {
        Content absent = TestImages.layer(401, 10);
        Path target = dir.resolve("absent");
        assertThrows(RegistryException.NotFound.class,
                () -> client.downloadBlob("blobs/app", RealRegistry.descriptor(absent), target, Progress.none()));
        assertFalse(Files.exists(target));
    }

    /**
     * A 64 MiB blob uploaded (whole and in chunks), downloaded and streamed by a child JVM whose heap is 40 MiB:
     * only a client that streams can do that.
     */
    @Test
    void largeBlobTransfersInBoundedMemory(@TempDir Path dir) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-Xmx40m", "-XX:+ExitOnOutOfMemoryError", "-cp", classPath,
                BlobMemoryCheck.class.getName(), registry.hostPort(), Long.toString(64L * 1024 * 1024), dir.toString()));
        Path log = dir.resolve("child.log");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = child.waitFor(120, TimeUnit.SECONDS);
        if (!finished) child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        String output = Files.readString(log, StandardCharsets.UTF_8);

        assertTrue(finished, "timed out:\n" + output);
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.contains("OK max heap"), output);
    }

    /** Discards what is written. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {}

        @Override
        public void write(byte[] b, int off, int len) throws IOException {}
    }
}
