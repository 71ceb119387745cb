package dev.berth.cli;

import dev.berth.registry.RequestNames;
import dev.berth.cleanup.Journal;
import dev.berth.cleanup.JournalEntry;
import dev.berth.cleanup.JournalOperation;
import dev.berth.cleanup.ManifestDeletion;
import dev.berth.cleanup.TagAgreement;
import dev.berth.domain.Digest;
import dev.berth.registry.DeletableManifest;
import dev.berth.registry.DeleteResult;
import dev.berth.registry.ManifestResponse;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth rm REF}: deletes a manifest by digest. Registries delete by digest, which removes
 * every tag on that digest (trap T4), so all of them are listed first, and nothing is deleted
 * without {@code --yes}. The manifest and its tags are journaled first, so {@code berth undo} can
 * put them back until garbage collection runs.
 */
@Command(name = "rm", description = "Delete an image by digest (every tag pointing at it goes too). Dry run unless --yes.")
final class RmCommand extends RegistryCommand {

    @Parameters(paramLabel = "REF", description = "A tag or digest reference, e.g. localhost:5000/team/app:1.4")
    String reference;

    @Option(names = "--yes", description = "Really delete. Without it, only show what would be deleted.")
    boolean yes;

    @Option(names = "--journal", paramLabel = "DIR", description = "Journal directory (default: ~/.local/share/berth/journal).")
    Path journalDir;

    RmCommand(CliEnvironment environment) {
        super(environment);
    }

    @Override
    public Integer call() throws Exception {
        RegistryTarget target = RegistryTarget.ofRepository(spec.commandLine(), reference);
        RegistryClient client = connect(target);
        String repository = target.repository();
        ManifestResponse response = client.manifest(target.reference().repositoryName(), target.reference().manifestTarget());
        DeletableManifest deletable = response.deletable().orElseThrow(() -> new RegistryException.Refused(
                "The registry answered for " + reference + " with " + response.contentType() + ", not a manifest type Berth "
                        + "asked for; its digest is not safe to delete (it may be a converted copy)."));
        List<String> tags = client.tagsPointingAt(target.reference().repositoryName(), deletable.digest());
        Optional<String> asked = target.reference().digest().isPresent() ? Optional.empty() : target.reference().tag();
        confirmTags(client, repository, asked, deletable.digest(), tags);

        DeleteResult result = null;
        String journalId = null;
        if (yes) {
            Journal.Writer writer = CliJournal.open(environment, journalDir).begin(JournalOperation.Kind.RM, target.registry(), client.host(),
                    "rm " + repository + "@" + deletable.digest(), Instant.now());
            journalId = writer.id();
            JournalEntry entry = writer.record(repository, deletable.digest(), response.contentType(), response.manifest().raw(), tags,
                    ManifestDeletion.Role.TAGGED);
            try {
                result = client.delete(deletable);
            } catch (RegistryException e) {
                // A broken connection may or may not have delivered the delete: undo checks the registry for PENDING.
                if (!(e instanceof RegistryException.TransportFailure)) writer.settle(entry, JournalEntry.State.NOT_DELETED, e.getMessage());
                throw e;
            }
            writer.settle(entry, switch (result.status()) {
                case DELETED -> JournalEntry.State.DELETED;
                case NOT_FOUND -> JournalEntry.State.ALREADY_GONE;
                case DISABLED -> JournalEntry.State.NOT_DELETED;
            }, result.message());
        }
        PrintWriter out = environment.out();
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("repository", repository);
            document.put("digest", deletable.digest().toString());
            document.put("tags", tags);
            document.put("deleted", result != null && result.deleted());
            if (result != null) document.put("result", result.status().name());
            if (journalId != null) document.put("journal", journalId);
            new Output(out).json(document);
        } else if (result == null) {
            out.println("Would delete " + repository + "@" + deletable.digest());
            out.println(tags.isEmpty() ? "No tag points at it." : "This removes every tag on that digest: " + String.join(", ", tags));
            out.println("Run again with --yes to delete.");
        } else if (result.deleted()) {
            out.println("Deleted " + repository + "@" + deletable.digest()
                    + (tags.isEmpty() ? "" : " (tags removed: " + String.join(", ", tags) + ")"));
            out.println("Journal: " + journalId + " (undo with: berth undo " + journalId + ", until garbage collection runs)");
            out.println("Disk space comes back only after the registry's garbage collection runs.");
        }
        if (result != null && !result.deleted()) {
            environment.err().println("berth: " + result.message());
            return BerthCli.ERROR;
        }
        return BerthCli.OK;
    }

    /**
     * Deleting the digest removes every tag on it and the journal keeps them for undo, so the tag
     * asked for must be among them and every answer about each tag must agree (see {@link TagAgreement}).
     */
    private static void confirmTags(RegistryClient client, String repository, Optional<String> asked, Digest digest, List<String> tags)
            throws RegistryException {
        if (asked.isPresent() && !tags.contains(asked.get())) {
            boolean listed = client.tags(RequestNames.repository(repository)).contains(asked.get());
            refuseUnlessAgreed(TagAgreement.checkAfterGet(client, repository, asked.get(), listed, digest));
            // All agree now, yet the tag was not found on its digest a moment ago: the answers change from one look to the next.
            throw new RegistryException.Refused(TagAgreement.contradiction("The registry gave two different answers for " + repository
                    + ":" + asked.get() + " within moments (its manifest is " + digest + ", but looking up its tags did not find it there)"));
        }
        for (String tag : tags) {
            refuseUnlessAgreed(tag.equals(asked.orElse(null)) ? TagAgreement.checkAfterGet(client, repository, tag, true, digest)
                    : TagAgreement.check(client, repository, tag, true, digest));
        }
    }

    private static void refuseUnlessAgreed(TagAgreement.Verdict verdict) throws RegistryException.Refused {
        switch (verdict) {
            case TagAgreement.Verdict.Agrees agrees -> { }
            case TagAgreement.Verdict.Contradicts contradiction -> throw new RegistryException.Refused(contradiction.message());
            case TagAgreement.Verdict.Changed changed -> throw new RegistryException.Refused("Nothing was deleted: " + changed.what()
                    + " while Berth was reading the registry; run the command again to see what it would delete now.");
        }
    }
}
