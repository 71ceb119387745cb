package dev.berth.cleanup;

import dev.berth.registry.RegistryException;

/** Failure texts that say what happened and what to do, shared by the executor, undo and the CLI. */
public final class CleanupMessages {

    private CleanupMessages() {}

    public static String deletesDisabled(String registryMessage) {
        return "Deletion is disabled on this registry (" + registryMessage.strip() + "). On Distribution/registry:2 start it "
                + "with REGISTRY_STORAGE_DELETE_ENABLED=true (storage.delete.enabled: true in config.yml). Hosted registries "
                + "(Docker Hub, GHCR, Harbor) delete through their own web UI or API instead.";
    }

    public static String notPermitted(String repository, RegistryException e) {
        return "Not allowed to delete in " + repository + ": " + e.getMessage() + " Ask the registry's administrator for delete "
                + "permission on it (token scope repository:" + repository + ":delete; Harbor: maintainer or admin role).";
    }

    public static String unreachable(RegistryException e) {
        return "The registry stopped answering (" + e.getMessage() + "). Nothing more was deleted; what was is in the journal "
                + "and can be undone with it once the registry is back.";
    }

    public static String journalFailed(Exception e) {
        return "The journal could not be written (" + e.getMessage() + "), so a delete could not be undone: nothing more was deleted.";
    }

    public static String untagRefused(RegistryException e) {
        return "The registry refused to remove a tag on its own (" + e.getMessage() + "). What it does with tag deletes may have "
                + "changed since Berth checked: test the connection again, and preview again to delete by digest instead.";
    }

    public static String untagRemovedImage(String image, java.util.List<String> restored) {
        return "Removing a tag took the whole image " + image + " with it: this registry does not untag the way Berth was told. "
                + "Berth put the image back at once" + (restored.isEmpty() ? "" : " with its tags " + String.join(", ", restored))
                + " and stopped. Test the connection again before cleaning up.";
    }

    public static String untagRemovedImageNotRestored(String image, RegistryException e) {
        return "Removing a tag took the whole image " + image + " with it: this registry does not untag the way Berth was told. "
                + "Putting it back failed (" + e.getMessage() + "); Undo restores it from the journal while its blobs exist. "
                + "Berth stopped.";
    }

    /** Why a tag whose image stays cannot be removed on its own here, and what deleting by digest would take. */
    public static String untagUnavailable(dev.berth.registry.Capabilities.TagDeletion tagDeletion) {
        return "Untagging is not available: " + whyNoUntag(tagDeletion) + ". Deleting by digest would remove every tag on the image, "
                + "including the ones kept, so these tags stay with their image.";
    }

    /** For deleting chosen tags where untagging is not possible: why, and which other tags go with their images. */
    public static String deletingTakesOtherTags(dev.berth.registry.Capabilities.TagDeletion tagDeletion, java.util.List<String> alsoGoing) {
        return "Only the whole image can be deleted here (" + whyNoUntag(tagDeletion) + "), so its other tags go too: "
                + String.join(", ", alsoGoing) + ".";
    }

    private static String whyNoUntag(dev.berth.registry.Capabilities.TagDeletion tagDeletion) {
        return switch (tagDeletion) {
            case NOT_SUPPORTED -> "this registry cannot remove a tag on its own (Distribution 2.8 answers a tag delete with 400)";
            case REMOVES_MANIFEST -> "a tag delete on this registry removes the whole image and every tag on it";
            case ACCEPTED_EFFECT_UNKNOWN -> "this registry accepts tag deletes, but Berth does not know yet whether they remove only "
                    + "the tag; check it once (it pushes and deletes a tiny test artifact), then untagging is offered if it works";
            case UNKNOWN -> "Berth could not find out whether this registry can remove a tag on its own";
            case REMOVES_TAG_ONLY -> "untagging was turned off";
        };
    }
}
