package dev.berth.registry;

import dev.berth.work.Progress;
import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.MediaType;
import dev.berth.registry.auth.Credentials;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.OptionalLong;

/**
 * Run in a child JVM with a small heap by {@link BlobTransferTest}: uploads (monolithic and chunked), downloads
 * and streams a blob much larger than the heap. If any step held the blob in memory it would die of
 * OutOfMemoryError. Args: host:port, size in bytes, work directory. Prints "OK" on success.
 */
public final class BlobMemoryCheck {

    private BlobMemoryCheck() {}

    public static void main(String[] args) throws Exception {
        String hostPort = args[0];
        long size = Long.parseLong(args[1]);
        Path dir = Path.of(args[2]);
        long seed = 4242;
        Digest digest = digestOf(new GeneratedStream(seed, size));
        RegistryClient client = new RegistryClients().connect(ConnectionSettings.of(hostPort)
                .withCredentials(Credentials.anonymous()).withPlainHttp(true, false));

        client.uploadBlob("big/monolithic", digest, size, () -> new GeneratedStream(seed, size), 0, Progress.none());
        client.uploadBlob("big/chunked", digest, size, () -> new GeneratedStream(seed, size), size / 4 + 1, Progress.none());
        for (String repo : new String[] {"big/monolithic", "big/chunked"}) {
            if (!client.blobExists(repo, digest).equals(OptionalLong.of(size))) throw new AssertionError("not stored in " + repo);
        }

        Descriptor descriptor = Descriptor.of(MediaType.OCI_LAYER_GZIP, digest, size);
        Path target = dir.resolve("big.blob");
        client.downloadBlob("big/chunked", descriptor, target, Progress.none());
        if (Files.size(target) != size || !digestOf(Files.newInputStream(target)).equals(digest)) {
            throw new AssertionError("downloaded file differs");
        }
        try (InputStream in = client.openBlob("big/monolithic", descriptor)) {
            if (!digestOf(in).equals(digest)) throw new AssertionError("streamed blob differs");
        }
        System.out.println("OK max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB, blob "
                + size / (1024 * 1024) + " MiB");
    }

    static Digest digestOf(InputStream in) throws IOException {
        try (in) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) sha.update(buffer, 0, n);
            return Digest.parse("sha256:" + HexFormat.of().formatHex(sha.digest()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code size} pseudo-random bytes from {@code seed}, generated as read: never all in memory. */
    static final class GeneratedStream extends InputStream {
        private final SplittableRandom random;
        private final long size;
        private long position;

        GeneratedStream(long seed, long size) {
            this.random = new SplittableRandom(seed);
            this.size = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) return -1;
            int n = (int) Math.min(len, size - position);
            // Whole 8-byte words from the generator, so the content does not depend on how callers chunk reads.
            for (int i = 0; i < n; i++) {
                if (((position + i) & 7) == 0) word = random.nextLong();
                b[off + i] = (byte) (word >>> (((position + i) & 7) * 8));
            }
            position += n;
            return n;
        }

        private long word;
    }
}
