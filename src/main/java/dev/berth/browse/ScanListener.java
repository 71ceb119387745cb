package dev.berth.browse;

/** Told what a {@link RepositoryScanner} found, as it finds it (from the scanning thread). */
public interface ScanListener {

    ScanListener NONE = new ScanListener() {};

    /** The tag list is known; digests and metadata follow. */
    default void tagsListed(int count) {}

    default void tagResolved(TagInfo tag) {}

    default void imageLoaded(ImageSummary image) {}

    /** A tag or manifest could not be loaded; the scan goes on without it. */
    default void failed(String what, Exception cause) {}
}
