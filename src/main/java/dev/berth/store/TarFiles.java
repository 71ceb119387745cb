package dev.berth.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * The files inside an uncompressed tar (an OCI archive, a docker-archive), read in place: opening
 * indexes the entry headers once, each file is then read straight from its offset, so nothing is
 * unpacked to disk or memory.
 */
final class TarFiles implements LayoutFiles {

    private final Path tar;
    private final TarFile file;
    private final Map<String, TarArchiveEntry> entries = new HashMap<>();

    private TarFiles(Path tar, TarFile file) {
        this.tar = tar;
        this.file = file;
        for (TarArchiveEntry entry : file.getEntries()) {
            if (entry.isFile()) entries.put(normalise(entry.getName()), entry);
        }
        // Symbolic and hard links (containers/image writes legacy layer.tar links) point at a file already indexed.
        for (TarArchiveEntry entry : file.getEntries()) {
            if (entry.isSymbolicLink() || entry.isLink()) {
                String name = normalise(entry.getName());
                String target = entry.isSymbolicLink() ? resolveLink(name, entry.getLinkName()) : normalise(entry.getLinkName());
                TarArchiveEntry real = entries.get(target);
                if (real != null) entries.putIfAbsent(name, real);
            }
        }
    }

    static TarFiles open(Path tar) throws IOException {
        try {
            return new TarFiles(tar, new TarFile(tar));
        } catch (NoSuchFileException e) {
            throw new StoreException.NotFound("There is no file " + tar + ".");
        } catch (IOException | IllegalArgumentException e) {
            throw new StoreException.Corrupt(tar + " is not a readable tar archive (" + e.getMessage()
                    + "). If it is compressed, decompress it first.", e);
        }
    }

    boolean has(String path) {
        return entries.containsKey(normalise(path));
    }

    @Override
    public OptionalLong size(String path) {
        TarArchiveEntry entry = entries.get(normalise(path));
        return entry == null ? OptionalLong.empty() : OptionalLong.of(entry.getSize());
    }

    @Override
    public InputStream open(String path) throws IOException {
        TarArchiveEntry entry = entries.get(normalise(path));
        if (entry == null) throw new StoreException.NotFound("There is no " + path + " in " + tar + ".");
        return file.getInputStream(entry);
    }

    @Override
    public void close() throws IOException {
        file.close();
    }

    private static String normalise(String name) {
        String n = name;
        while (n.startsWith("./")) n = n.substring(2);
        while (n.startsWith("/")) n = n.substring(1);
        return n;
    }

    private static String resolveLink(String linkPath, String target) {
        if (target.startsWith("/")) return normalise(target);
        int slash = linkPath.lastIndexOf('/');
        String base = slash < 0 ? "" : linkPath.substring(0, slash);
        java.util.Deque<String> parts = new java.util.ArrayDeque<>();
        for (String p : (base.isEmpty() ? target : base + "/" + target).split("/")) {
            if (p.isEmpty() || p.equals(".")) continue;
            if (p.equals("..")) {
                if (!parts.isEmpty()) parts.removeLast();
            } else {
                parts.addLast(p);
            }
        }
        return String.join("/", parts);
    }
}
