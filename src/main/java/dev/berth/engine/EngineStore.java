package dev.berth.engine;

import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.ImageManifest;
import dev.berth.domain.Manifest;
import dev.berth.store.DockerArchive;
import dev.berth.store.ImageDestination;
import dev.berth.store.ImageSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * The local engine as a place images live. Reading an image asks the engine to save it and reads
 * that docker-archive; writing builds a docker-archive, has the engine load it and names the
 * result. The engine never pulls or pushes, so it needs no registry credentials and no trust in
 * the registry: Berth's copy engine does that part.
 *
 * <p>A saved image is kept in a temporary file in {@code scratch} while it is read: the archive
 * lists its images in {@code manifest.json} after their layers, and a copy reads blobs in its own
 * order and in parallel, so the tar cannot be used as a one-pass stream. The same goes for a
 * load: a docker-archive must hold uncompressed layers whose sizes lead their content, so they
 * are staged first. Every temporary file is deleted on {@link #close()}.
 */
public final class EngineStore implements ImageSource, ImageDestination {

    private final Engine engine;
    private final boolean ownsEngine;
    private final Path scratch;
    private final List<Saved> saved = new ArrayList<>();
    private Path loadDir;
    private ImageDestination archive;
    /** The names to give the loaded images. */
    private final List<Named> names = new ArrayList<>();

    private record Named(Digest id, String name) {}

    /** A save of one image, read through our docker-archive reader. */
    private record Saved(Path file, ImageSource archive) {}

    /** {@code scratch}: where saved and to-be-loaded archives are kept while in use. */
    public EngineStore(Engine engine, Path scratch) {
        this(engine, false, scratch);
    }

    private EngineStore(Engine engine, boolean ownsEngine, Path scratch) {
        this.engine = engine;
        this.ownsEngine = ownsEngine;
        this.scratch = scratch;
    }

    /** A store that closes {@code engine} when it is closed (a command's one use of it). */
    public static EngineStore owning(Engine engine, Path scratch) {
        return new EngineStore(engine, true, scratch);
    }

    @Override
    public String description() {
        return "engine (" + engine.address().uri() + ")";
    }

    /** Every name of every local image, sorted. */
    @Override
    public List<String> tags() throws EngineException {
        TreeSet<String> all = new TreeSet<>();
        engine.images().forEach(image -> all.addAll(image.repoTags()));
        return List.copyOf(all);
    }

    /** {@code name}: REPO:TAG or an image id, as the engine resolves it. */
    @Override
    public synchronized Descriptor resolve(String name) throws IOException {
        return savedImage(name).resolve("@0");
    }

    /**
     * The manifest of a saved image; a digest not seen yet is taken as an image id (the engine's
     * name for an image is its config digest, and a classic engine keeps no manifest).
     */
    @Override
    public synchronized Manifest manifest(Digest digest) throws IOException {
        for (Saved s : saved) {
            if (has(s.archive(), digest)) return s.archive().manifest(digest);
        }
        ImageSource image = savedImage(digest.toString());
        return image.manifest(image.resolve("@0").digest());
    }

    @Override
    public synchronized OptionalLong blobSize(Digest digest) throws IOException {
        for (Saved s : saved) {
            OptionalLong size = s.archive().blobSize(digest);
            if (size.isPresent()) return size;
        }
        return archive == null ? OptionalLong.empty() : archive.blobSize(digest);
    }

    @Override
    public InputStream openBlob(Descriptor blob) throws IOException {
        ImageSource holder;
        synchronized (this) {
            holder = saved.stream().filter(s -> hasBlob(s.archive(), blob.digest())).map(Saved::archive).findFirst()
                    .orElseThrow(() -> new EngineException.NoSuchImage("No image saved from " + description() + " holds the blob " + blob.digest() + "."));
        }
        return holder.openBlob(blob);
    }

    @Override
    public void putBlob(Descriptor blob, BlobContent content) throws IOException {
        archive().putBlob(blob, content);
    }

    @Override
    public void putManifest(Manifest manifest) throws IOException {
        archive().putManifest(manifest);
    }

    /** The archive carries no name: the loaded image is named afterwards, by id, so the name is exactly the one asked for. */
    @Override
    public synchronized void putImage(Manifest manifest, Optional<String> tag) throws IOException {
        if (!(manifest instanceof ImageManifest image)) {
            archive().putImage(manifest, tag); // refused there, in the docker-archive's words
            return;
        }
        archive().putImage(manifest, Optional.empty());
        tag.ifPresent(name -> names.add(new Named(image.config().digest(), name)));
    }

    /** Loads the archive into the engine, then names the loaded images; the engine's image id is the config digest. */
    @Override
    public synchronized void commit() throws IOException {
        if (archive == null) return;
        archive.commit();
        try (InputStream tar = Files.newInputStream(loadFile())) {
            engine.load(tar);
        }
        for (Named named : names) {
            String name = named.name();
            int slash = name.lastIndexOf('/');
            int colon = name.lastIndexOf(':');
            boolean tagged = colon > slash;
            engine.tag(named.id().toString(), tagged ? name.substring(0, colon) : name, tagged ? name.substring(colon + 1) : "latest");
        }
    }

    @Override
    public synchronized void close() throws IOException {
        IOException first = null;
        for (Saved s : saved) {
            try {
                s.archive().close();
                Files.deleteIfExists(s.file());
            } catch (IOException e) {
                if (first == null) first = e;
            }
        }
        saved.clear();
        try {
            if (archive != null) archive.close();
            if (loadDir != null) {
                Files.deleteIfExists(loadFile());
                Files.deleteIfExists(loadDir);
            }
        } catch (IOException e) {
            if (first == null) first = e;
        } finally {
            if (ownsEngine) engine.close();
        }
        if (first != null) throw first;
    }

    private ImageSource savedImage(String name) throws IOException {
        Files.createDirectories(scratch);
        Path file = Files.createTempFile(scratch, ".berth-engine-save-", ".tar");
        try {
            try (InputStream in = engine.save(name); OutputStream out = Files.newOutputStream(file)) {
                in.transferTo(out);
            }
            ImageSource image = DockerArchive.read(file);
            saved.add(new Saved(file, image));
            return image;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private synchronized ImageDestination archive() throws IOException {
        if (archive == null) {
            Files.createDirectories(scratch);
            loadDir = Files.createTempDirectory(scratch, ".berth-engine-load-");
            archive = DockerArchive.create(loadFile());
        }
        return archive;
    }

    private Path loadFile() {
        return loadDir.resolve("image.tar");
    }

    private static boolean has(ImageSource archive, Digest digest) {
        try {
            archive.manifest(digest);
            return true;
        } catch (IOException notThere) {
            return false;
        }
    }

    private static boolean hasBlob(ImageSource archive, Digest digest) {
        try {
            return archive.blobSize(digest).isPresent();
        } catch (IOException unreadable) {
            return false;
        }
    }
}
