package dev.berth.ui.browser;

import dev.berth.domain.Plural;
import dev.berth.browse.RegistryFigures;
import dev.berth.domain.ByteSize;

/** The words under the overview's figures: each says what it counts and, when partial, how much of the registry that is. */
final class FiguresText {

    private FiguresText() {}

    static String repositories(RegistryFigures f) {
        return f.catalogEnded() ? Plural.word(f.repositories(), "repository", "repositories") : "repositories so far";
    }

    static String tags(RegistryFigures f) {
        if (f.tagsComplete()) return "tags";
        return "tags so far, in " + count(f.repositoriesCounted()) + " of " + repositories(f.repositories());
    }

    static String images(RegistryFigures f) {
        return (f.scanComplete() ? "images (distinct manifests)" : "images so far") + scanned(f);
    }

    static String size(RegistryFigures f) {
        return (f.scanComplete() ? "as pulled (distinct blobs, compressed)" : "as pulled so far") + scanned(f);
    }

    static String sizeValue(RegistryFigures f) {
        return f.repositoriesScanned() == 0 ? "–" : ByteSize.format(f.sizeAsPulled());
    }

    static String imagesValue(RegistryFigures f) {
        return f.repositoriesScanned() == 0 ? "–" : count(f.images());
    }

    /** The progress line: how much of the registry the images, size and recent pushes cover. */
    static String progress(RegistryFigures f, boolean scanning) {
        String failed = f.repositoriesFailed() == 0 ? "" : " (" + count(f.repositoriesFailed()) + " could not be read)";
        String read = count(f.repositoriesScanned() + f.repositoriesFailed()) + " of " + repositories(f.repositories()) + " read" + failed;
        if (scanning) return "Reading repositories: " + read + "…";
        if (f.scanComplete()) return f.repositories() == 0 ? "" : "All " + repositories(f.repositories()) + " read" + failed + ".";
        return read + ".";
    }

    static String count(long n) {
        return String.format("%,d", n);
    }

    private static String scanned(RegistryFigures f) {
        if (f.scanComplete()) return "";
        return ", in " + count(f.repositoriesScanned()) + " of " + repositories(f.repositories());
    }

    private static String repositories(long n) {
        return count(n) + " " + Plural.word(n, "repository", "repositories");
    }
}
