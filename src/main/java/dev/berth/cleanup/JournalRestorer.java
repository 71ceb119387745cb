package dev.berth.cleanup;

import dev.berth.domain.Plural;
import dev.berth.cleanup.RestoreOutcome.Status;
import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.ImageIndex;
import dev.berth.domain.ImageManifest;
import dev.berth.domain.Manifest;
import dev.berth.domain.RepositoryName;
import dev.berth.domain.Tag;
import dev.berth.format.MalformedContentException;
import dev.berth.format.ManifestParser;
import dev.berth.work.CancelSignal;
import dev.berth.work.Progress;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryClients;
import dev.berth.registry.RegistryException;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * Undo: puts journaled manifests back with their identical bytes (so the digest is the same),
 * children and subjects before the index or referrer that points at them, then their tags. A
 * registry accepts a manifest only while its blobs exist, i.e. until garbage collection runs (for a
 * folder of OCI layouts: until its trash is emptied): every blob is checked first, and a manifest
 * whose blobs are gone is reported as impossible to restore, naming the missing blob, instead of
 * failing halfway. A tag that meanwhile points elsewhere is left alone and reported.
 */
public final class JournalRestorer {

    private final RegistryClient client;
    private final Journal journal;
    private final Clock clock;
    /** A folder has no garbage collection: its blobs went to its trash, and emptying the trash took them. */
    private final boolean folder;

    public JournalRestorer(RegistryClient client, Journal journal, Clock clock) {
        this.client = client;
        this.journal = journal;
        this.clock = clock;
        this.folder = RegistryClients.isInProcessHost(client.host());
    }

    public JournalRestorer(RegistryClient client, Journal journal) {
        this(client, journal, Clock.systemUTC());
    }

    public RestoreResult restore(JournalOperation operation, Progress<Restored> listener, CancelSignal cancel) throws IOException {
        RegistryClient registry = client.withCancel(cancel);
        List<JournalEntry> backwards = new ArrayList<>(operation.entries());
        java.util.Collections.reverse(backwards);
        List<RestoreOutcome> outcomes = new ArrayList<>();
        for (JournalEntry entry : backwards) {
            RestoreOutcome outcome;
            if (!entry.mayNeedRestore()) {
                outcome = new RestoreOutcome(entry, Status.NOT_NEEDED, List.of(), "was not deleted (" + entry.state() + ")");
            } else if (cancel.isCancelled()) {
                outcome = new RestoreOutcome(entry, Status.SKIPPED, List.of(), "cancelled");
            } else {
                try {
                    outcome = restore(registry, entry);
                } catch (CancellationException e) {
                    outcome = new RestoreOutcome(entry, Status.SKIPPED, List.of(), "cancelled");
                } catch (RegistryException e) {
                    outcome = new RestoreOutcome(entry, Status.FAILED, List.of(), e.getMessage());
                }
            }
            outcomes.add(outcome);
            listener.report(new Restored(outcome, outcomes.size(), backwards.size()));
        }
        // The readable entries are restored even when others are damaged: each stands on its own (an index
        // whose child is lost is refused by the dependency check), and the damaged ones are reported, not guessed.
        RestoreResult result = new RestoreResult(operation.id(), outcomes, cancel.isCancelled(), operation.unrestorable());
        boolean undoneMarkDamaged = operation.damage().stream().anyMatch(d -> d.file().getFileName().toString().equals("undone.json"));
        if (result.complete() && !undoneMarkDamaged) { // a damaged file is never overwritten
            journal.markUndone(operation.id(), clock.instant(), Plural.of(result.with(Status.RESTORED).size(), "manifest", "manifests") + " restored");
        }
        return result;
    }

    private RestoreOutcome restore(RegistryClient registry, JournalEntry entry) throws RegistryException {
        String repository = entry.repository();
        Manifest manifest;
        try {
            manifest = ManifestParser.parse(entry.manifest(), Optional.of(entry.mediaType()));
        } catch (MalformedContentException e) {
            return new RestoreOutcome(entry, Status.IMPOSSIBLE, List.of(), "the journaled manifest cannot be read: " + e.getMessage());
        }
        RepositoryName name;
        try {
            name = RepositoryName.of(repository);
            entry.tags().forEach(Tag::of);
        } catch (IllegalArgumentException e) { // a registry names nothing so; the journal was edited by hand
            return new RestoreOutcome(entry, Status.IMPOSSIBLE, List.of(), "the journal names what no registry can hold: " + e.getMessage());
        }
        boolean present = exists(registry, name, entry.digest());
        if (!present) {
            Optional<String> missing = missingDependency(registry, name, manifest);
            if (missing.isPresent()) return new RestoreOutcome(entry, Status.IMPOSSIBLE, List.of(), missing.get());
        }
        List<String> restoredTags = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (String tag : entry.tags()) {
            Optional<Digest> current = registry.currentDigest(name, Tag.of(tag));
            if (current.isEmpty()) {
                put(registry, name, entry, manifest, Optional.of(tag));
                restoredTags.add(tag);
            } else if (!current.get().equals(entry.digest())) {
                notes.add("tag " + tag + " now points at " + current.get().shortHex() + "; left as it is");
            }
        }
        if (!present && restoredTags.isEmpty()) put(registry, name, entry, manifest, Optional.empty());
        String message = String.join("; ", notes);
        return new RestoreOutcome(entry, present ? Status.PRESENT : Status.RESTORED, restoredTags,
                message.isEmpty() ? (present ? "still in the " + (folder ? "folder" : "registry") : "restored") : message);
    }

    private void put(RegistryClient registry, RepositoryName name, JournalEntry entry, Manifest manifest, Optional<String> tag)
            throws RegistryException {
        Digest stored = registry.putImage(name, manifest, tag.map(Tag::of));
        if (!stored.equals(entry.digest())) {
            throw new RegistryException.ProtocolViolation("The registry stored " + entry.repository() + ":"
                    + tag.orElse(entry.digest().toString()) + " as " + stored + ", not " + entry.digest() + ".");
        }
    }

    /** Why the manifest cannot be accepted again, if so: a blob or child that no longer exists. */
    private Optional<String> missingDependency(RegistryClient registry, RepositoryName repository, Manifest manifest) throws RegistryException {
        switch (manifest) {
            case ImageManifest image -> {
                for (Descriptor blob : image.blobs()) {
                    if (registry.blobExists(repository, blob.digest()).isEmpty()) {
                        return Optional.of("blob " + blob.digest() + " is gone from " + repository + ": " + (folder
                                ? "the folder's trash was emptied since the cleanup, so this manifest can no longer be restored. "
                                        + "Copy the image into the folder again from its source."
                                : "the registry's garbage collection has run since the delete, so this manifest can no longer be "
                                        + "restored. Push the image again from its source."));
                    }
                }
            }
            case ImageIndex index -> {
                for (Descriptor child : index.manifests()) {
                    if (!exists(registry, repository, child.digest())) {
                        return Optional.of("its platform manifest " + child.digest().shortHex() + " is not in the "
                                + (folder ? "folder" : "registry") + " (it could not be restored, see above), so the index cannot be put back.");
                    }
                }
            }
            default -> {
                // schema1 carries no descriptors to check; the registry says if it refuses
            }
        }
        return Optional.empty();
    }

    private static boolean exists(RegistryClient registry, RepositoryName repository, Digest reference) throws RegistryException {
        return registry.currentDigest(repository, reference).isPresent();
    }
}
