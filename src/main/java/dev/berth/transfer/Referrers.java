package dev.berth.transfer;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.MediaType;
import dev.berth.domain.RawBytes;
import dev.berth.format.ManifestParser;
import dev.berth.store.ImageDestination;
import dev.berth.store.ImageSource;
import dev.berth.store.RegistryStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What refers to a manifest (signatures, SBOMs): listed in the source registry, and made findable
 * in the destination. A destination without the referrers API finds them through the
 * {@code sha256-<hex>} tag of OCI 1.1's fallback, which is written (merged with what it lists) only
 * when the registry does not list them by itself.
 */
final class Referrers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryStore from;
    private final RegistryStore to;

    private Referrers(RegistryStore from, RegistryStore to) {
        this.from = from;
        this.to = to;
    }

    static Referrers between(ImageSource from, ImageDestination to) throws CopyException {
        if (from instanceof RegistryStore source && to instanceof RegistryStore target) return new Referrers(source, target);
        throw new CopyException("Referrers (signatures, SBOMs) can only be copied from a registry to a registry; "
                + from.description() + " → " + to.description() + " is not. Copy without --with-referrers.");
    }

    List<Descriptor> of(Digest subject) throws IOException {
        return from.client().referrers(from.name(), subject);
    }

    /** After the referrers themselves were put: the fallback tag, where the destination does not list them already. */
    void announce(Digest subject, List<Descriptor> referrers) throws IOException {
        List<Descriptor> listed = to.client().referrers(to.name(), subject);
        List<Descriptor> all = new ArrayList<>(listed);
        for (Descriptor referrer : referrers) {
            if (listed.stream().noneMatch(d -> d.digest().equals(referrer.digest()))) all.add(referrer);
        }
        if (all.size() == listed.size()) return;
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaType.OCI_INDEX.value());
        index.put("manifests", all.stream().map(Referrers::entry).toList());
        var manifest = ManifestParser.parse(RawBytes.of(JSON.writeValueAsBytes(index)), Optional.of(MediaType.OCI_INDEX));
        to.putImage(manifest, Optional.of(subject.algorithm() + "-" + subject.hex()));
    }

    private static Map<String, Object> entry(Descriptor d) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("mediaType", d.mediaType().value());
        node.put("digest", d.digest().toString());
        node.put("size", d.size());
        d.artifactType().ifPresent(type -> node.put("artifactType", type));
        if (!d.annotations().isEmpty()) node.put("annotations", d.annotations());
        return node;
    }
}
