package dev.berth.cleanup;

/**
 * The space garbage collection gives back after the plan is applied, as a LOWER BOUND for the
 * repositories planned: blobs (config and layers) that deleted manifests use and no remaining
 * manifest of those repositories uses, each counted once.
 *
 * @param bytes          sum of those blobs' sizes (compressed, as stored)
 * @param blobs          how many blobs
 * @param keptSharedBytes bytes of the deleted images' blobs that stay, because a kept image uses them too
 */
public record Reclaimable(long bytes, int blobs, long keptSharedBytes) {

    /** Why the number is a bound and not a promise; for the preview and the CLI summary. */
    public static final String EXPLANATION = "At least this much: GC also frees blobs of manifests deleted before and "
            + "never collected, and the manifests themselves. It can free less only if a layer is also used by a repository "
            + "outside this cleanup, or by an untagged manifest, which the registry API cannot list. Space returns only after "
            + "the registry's garbage collection runs.";

    /** The same for a folder of OCI layouts, which has no garbage collection: a cleanup moves the blobs to its trash. */
    public static final String FOLDER_EXPLANATION = "At least this much: the manifests themselves go to the trash too. It can "
            + "be less only if an image in the same layout that no tag names also uses a layer. The space returns when the "
            + "folder's trash is emptied (Empty trash); until then, Undo can bring every image back.";

    public Reclaimable {
        if (bytes < 0 || blobs < 0 || keptSharedBytes < 0) throw new IllegalArgumentException("negative reclaimable space");
    }
}
