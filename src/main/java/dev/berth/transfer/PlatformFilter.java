package dev.berth.transfer;

import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.ImageIndex;
import dev.berth.domain.Platform;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which entries of an index a copy keeps: the chosen platforms (a platform without a variant
 * matches every variant), and the attestations that describe a kept platform. No choice keeps all.
 */
final class PlatformFilter {

    private static final String REFERENCE_DIGEST = "vnd.docker.reference.digest";

    private final List<Platform> chosen;

    PlatformFilter(List<Platform> chosen) {
        this.chosen = List.copyOf(chosen);
    }

    List<Descriptor> select(ImageIndex index) throws CopyException {
        if (chosen.isEmpty()) return index.manifests();
        Set<Digest> kept = new HashSet<>();
        for (Descriptor entry : index.platformManifests()) {
            if (entry.platform().filter(this::isChosen).isPresent()) kept.add(entry.digest());
        }
        if (kept.isEmpty()) {
            throw new CopyException("The image has none of the platforms asked for (" + chosen.stream().map(Platform::toString)
                    .collect(Collectors.joining(", ")) + "); it has " + available(index) + ". Choose one of those with --platform.");
        }
        return index.manifests().stream().filter(entry -> entry.isAttestation()
                ? kept.contains(referenced(entry)) : kept.contains(entry.digest())).toList();
    }

    /** The one platform image of {@code index} that was chosen, for a place that holds no index. */
    Descriptor onlyImage(ImageIndex index) throws CopyException {
        List<Descriptor> images = select(index).stream().filter(d -> !d.isAttestation()).toList();
        if (images.size() != 1) {
            throw new CopyException("The destination holds one image, not a multi-platform index: choose one platform with "
                    + "--platform (this image has " + available(index) + ").");
        }
        return images.get(0);
    }

    private static String available(ImageIndex index) {
        return index.platformManifests().stream().map(d -> d.platform().map(Platform::toString).orElse("?"))
                .collect(Collectors.joining(", "));
    }

    private boolean isChosen(Platform platform) {
        return chosen.stream().anyMatch(want -> want.os().equals(platform.os()) && want.architecture().equals(platform.architecture())
                && (want.variant().isEmpty() || want.variant().equals(platform.variant())));
    }

    private static Digest referenced(Descriptor attestation) {
        String digest = attestation.annotations().get(REFERENCE_DIGEST);
        return digest != null && Digest.isDigest(digest) ? Digest.parse(digest) : null;
    }
}
