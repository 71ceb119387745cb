package dev.berth.store;

import dev.berth.domain.Descriptor;
import dev.berth.domain.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The names in a docker-archive ({@code RepoTags}) and the images they name. A name is found as
 * written or by its canonical form ({@code alpine:3} is {@code docker.io/library/alpine:3}), and
 * {@code @N} names the N-th image, tagged or not, as in skopeo's {@code docker-archive:FILE:@N}.
 */
final class ArchiveTags {

    private final Map<String, Descriptor> byName = new TreeMap<>();
    private final List<Descriptor> images = new ArrayList<>();
    private final String where;

    ArchiveTags(String where) {
        this.where = where;
    }

    void add(List<String> names, Descriptor image) {
        images.add(image);
        names.forEach(name -> byName.put(name, image));
    }

    List<String> names() {
        return List.copyOf(byName.keySet());
    }

    Descriptor resolve(String name) throws StoreException {
        Descriptor exact = byName.get(name);
        if (exact != null) return exact;
        if (name.startsWith("@")) {
            try {
                int index = Integer.parseInt(name.substring(1));
                if (index >= 0 && index < images.size()) return images.get(index);
            } catch (NumberFormatException e) {
                // Not an index: fall through to "not found".
            }
        }
        Optional<String> canonical = canonical(name);
        if (canonical.isPresent()) {
            for (Map.Entry<String, Descriptor> entry : byName.entrySet()) {
                if (canonical.equals(canonical(entry.getKey()))) return entry.getValue();
            }
        }
        throw new StoreException.NotFound("There is no image named " + name + " in " + where + "; it holds "
                + (byName.isEmpty() ? images.size() + " untagged image(s), named @0, @1, …" : String.join(", ", byName.keySet())) + ".");
    }

    /** The only image, named or not; see {@link ImageSource#onlyImage()}. */
    Descriptor onlyImage() throws StoreException {
        List<Descriptor> distinct = images.stream().distinct().toList();
        if (distinct.size() == 1) return distinct.getFirst();
        long unnamed = distinct.stream().filter(image -> !byName.containsValue(image)).count();
        throw StoreException.Ambiguous.of(where, distinct.size(), names(), (int) unnamed, ", or by position, as " + where + ":@0");
    }

    private static Optional<String> canonical(String name) {
        try {
            return Optional.of(Reference.parse(name).canonical());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
