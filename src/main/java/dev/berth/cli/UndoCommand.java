package dev.berth.cli;

import dev.berth.cleanup.DamagedOperation;
import dev.berth.cleanup.Journal;
import dev.berth.cleanup.JournalDamage;
import dev.berth.cleanup.JournalListing;
import dev.berth.cleanup.JournalOperation;
import dev.berth.cleanup.JournalRestorer;
import dev.berth.cleanup.Restored;
import dev.berth.cleanup.RestoreOutcome;
import dev.berth.cleanup.RestoreResult;
import dev.berth.work.CancelSignal;
import dev.berth.work.Progress;
import dev.berth.registry.RegistryClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth undo}: lists the journal; {@code berth undo ID} puts the manifests and tags of that
 * operation back, which works until the registry's garbage collection has run.
 */
@Command(name = "undo", description = {"List journaled deletions (rm, cleanup), or restore one by ID.",
        "Restoring works until the registry's garbage collection has run."})
final class UndoCommand extends RegistryCommand {

    @Parameters(paramLabel = "ID", arity = "0..1", description = "The operation to undo (or a unique start of its id).")
    String id;

    @Option(names = "--journal", paramLabel = "DIR", description = "Journal directory (default: ~/.local/share/berth/journal).")
    Path journalDir;

    UndoCommand(CliEnvironment environment) {
        super(environment);
    }

    @Override
    public Integer call() throws Exception {
        Journal journal = CliJournal.open(environment, journalDir);
        if (id == null) return list(journal);
        Optional<JournalOperation> found;
        try {
            found = journal.find(id);
        } catch (IllegalArgumentException ambiguous) {
            throw new CommandLine.ParameterException(spec.commandLine(), ambiguous.getMessage());
        }
        if (found.isEmpty()) {
            environment.err().println("berth: no journal entry '" + id + "' in " + journal.directory() + " (list them with: berth undo)");
            return BerthCli.ERROR;
        }
        JournalOperation operation = found.get();
        // Bookkeeping that was lost (a date, a kind) does not stop undo; the person should still know.
        operation.damage().stream().filter(d -> !d.blocksRestore())
                .forEach(d -> environment.err().println("berth: note: " + d.describe()));
        RegistryClient client = new CliConnector(environment).connect(spec.commandLine(), operation.registry(), operation.apiHost(), connection);
        Progress<Restored> progress = restored -> {
            if (!json) environment.err().printf("[%d/%d] %s %s@%s%n", restored.done(), restored.total(),
                    restored.outcome().status().name().toLowerCase(Locale.ROOT),
                    restored.outcome().entry().repository(), restored.outcome().entry().digest().shortHex());
        };
        RestoreResult result = new JournalRestorer(client, journal).restore(operation, progress, CancelSignal.none());
        if (json) new Output(environment.out()).json(json(result));
        else print(result, environment.out());
        return result.complete() ? BerthCli.OK : BerthCli.ERROR;
    }

    private int list(Journal journal) throws Exception {
        JournalListing listing = journal.listing();
        List<JournalOperation> operations = listing.operations();
        if (json) {
            List<Map<String, Object>> entries = new ArrayList<>();
            for (JournalOperation op : operations) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("id", op.id());
                entry.put("kind", op.kind().name().toLowerCase(Locale.ROOT));
                entry.put("registry", op.registry());
                entry.put("started", op.started().toString());
                entry.put("deleted", op.deletedCount());
                entry.put("undone", op.undone().map(Object::toString).orElse(null));
                entry.put("description", op.description());
                entry.put("damage", op.damage().stream().map(UndoCommand::json).toList());
                entries.add(entry);
            }
            for (DamagedOperation damaged : listing.damaged()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("id", damaged.id());
                entry.put("damage", List.of(json(damaged.damage())));
                entries.add(entry);
            }
            new Output(environment.out()).json(entries);
            return BerthCli.OK;
        }
        PrintWriter out = environment.out();
        if (operations.isEmpty() && listing.damaged().isEmpty()) {
            out.println("The journal at " + journal.directory() + " is empty.");
            return BerthCli.OK;
        }
        out.printf("%-22s  %-7s  %-20s  %-20s  %7s  %s%n", "ID", "KIND", "REGISTRY", "STARTED", "DELETED", "STATE");
        for (JournalOperation op : operations) {
            out.printf("%-22s  %-7s  %-20s  %-20s  %7d  %s%n", op.id(), op.kind().name().toLowerCase(Locale.ROOT), op.registry(),
                    op.started().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), op.deletedCount(),
                    op.damage().isEmpty() ? op.undone().map(u -> "undone " + u).orElse(op.description()) : "DAMAGED (see below)");
        }
        for (DamagedOperation damaged : listing.damaged()) {
            out.printf("%-22s  %-7s  %-20s  %-20s  %7s  %s%n", damaged.id(), "?", "?", "?", "?", "DAMAGED (see below)");
        }
        printDamage(listing, out);
        return BerthCli.OK;
    }

    /** Each damaged file with what is wrong; the files are left alone, so the person can look or repair. */
    private static void printDamage(JournalListing listing, PrintWriter out) {
        List<String> lines = new ArrayList<>();
        for (JournalOperation op : listing.operations()) op.damage().forEach(d -> lines.add(op.id() + "  " + d.describe()));
        for (DamagedOperation d : listing.damaged()) lines.add(d.id() + "  " + d.damage().describe() + " (cannot be undone)");
        if (lines.isEmpty()) return;
        out.println();
        out.println("Damaged journal entries (left as they are; `berth undo ID` restores what can still be read):");
        lines.forEach(line -> out.println("  " + line));
    }

    private static Map<String, Object> json(JournalDamage damage) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("file", damage.file().toString());
        json.put("problem", damage.problem());
        json.put("blocksRestore", damage.blocksRestore());
        return json;
    }

    private static Map<String, Object> json(RestoreResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("journal", result.journalId());
        json.put("complete", result.complete());
        List<Map<String, Object>> outcomes = new ArrayList<>();
        for (RestoreOutcome o : result.outcomes()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("repository", o.entry().repository());
            entry.put("digest", o.entry().digest().toString());
            entry.put("status", o.status().name().toLowerCase(Locale.ROOT));
            entry.put("tags", o.tagsRestored());
            entry.put("message", o.message());
            outcomes.add(entry);
        }
        json.put("outcomes", outcomes);
        json.put("notRestored", result.unrestorable().stream().map(UndoCommand::json).toList());
        return json;
    }

    private static void print(RestoreResult result, PrintWriter out) {
        for (RestoreOutcome o : result.outcomes()) {
            out.println(o.status().name().toLowerCase(Locale.ROOT) + "  " + o.entry().repository() + "@" + o.entry().digest().shortHex()
                    + (o.tagsRestored().isEmpty() ? "" : "  tags: " + String.join(", ", o.tagsRestored())) + "  " + o.message());
        }
        for (JournalDamage damage : result.unrestorable()) {
            out.println("not restored  " + damage.describe() + ". Its manifest cannot be read from the journal; if the image is "
                    + "missing from the registry, push it again from its source. The file is left as it is.");
        }
        out.println(result.complete() ? "Everything in " + result.journalId() + " is back."
                : "Not everything could be restored; see above.");
    }
}
