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
}
