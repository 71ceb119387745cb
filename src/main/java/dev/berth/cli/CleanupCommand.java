package dev.berth.cli;

import dev.berth.domain.Plural;
import dev.berth.registry.RequestNames;
import dev.berth.browse.RepositoryScanner;
import dev.berth.browse.RepositorySnapshot;
import dev.berth.browse.ScanBatch;
import dev.berth.browse.ScanEvent;
import dev.berth.browse.ScanFailure;
import dev.berth.browse.SummaryCache;
import dev.berth.cleanup.Ages;
import dev.berth.cleanup.ApplyEvent;
import dev.berth.cleanup.ApplyResult;
import dev.berth.cleanup.CleanupExecutor;
import dev.berth.cleanup.CleanupMessages;
import dev.berth.cleanup.CleanupPlan;
import dev.berth.cleanup.CleanupPlanner;
import dev.berth.cleanup.CleanupPolicy;
import dev.berth.cleanup.CleanupScan;
import dev.berth.cleanup.DeletionOutcome;
import dev.berth.cleanup.PolicyFiles;
import dev.berth.cleanup.PolicyScope;
import dev.berth.cleanup.RetentionRules;
import dev.berth.cleanup.TagPattern;
import dev.berth.cleanup.Untagging;
import dev.berth.work.CancelSignal;
import dev.berth.work.Progress;
import dev.berth.registry.Capabilities;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.TagDeletionCheck;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth cleanup HOST/REPO} (or {@code HOST/NAMESPACE/}): deletes tags by retention rules.
 * A dry run unless {@code --apply}; every delete is journaled first, for {@code berth undo}.
 */
@Command(name = "cleanup", description = {"Delete old tags by rule: keep the newest N images, delete those older than an age, "
        + "select with regular expressions, protect what must stay.", "A dry run (preview) unless --apply."})
final class CleanupCommand extends RegistryCommand {

    @Parameters(paramLabel = "HOST[:PORT]/REPO", description = "A repository, or a namespace ending in '/' (e.g. localhost:5000/team/) "
            + "for every repository under it in the catalog.")
    String target;

    @Option(names = "--keep-last", paramLabel = "N", description = "Keep the N newest images (distinct digests, not tag names).")
    Integer keepLast;

    @Option(names = "--older-than", paramLabel = "AGE", description = "Delete only images created longer ago than AGE: 12h, 30d, 2w.")
    String olderThan;

    @Option(names = "--include", paramLabel = "REGEX", description = "Consider only tags matching REGEX (whole tag; repeatable).")
    List<String> include = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "REGEX", description = "Leave tags matching REGEX alone and out of the count (repeatable).")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--protect", paramLabel = "REGEX", description = "Never delete tags matching REGEX, e.g. latest (repeatable).")
    List<String> protect = new ArrayList<>();

    @Option(names = "--order", paramLabel = "created|version", description = "Rank images for --keep-last by created date (default) "
            + "or by version-like tags (semver).")
    String order;

    @Option(names = "--policy", paramLabel = "FILE", description = "Use the rules of a policy file (as exported by Berth) instead of options.")
    Path policyFile;

    @Option(names = "--save-policy", paramLabel = "FILE", description = "Also write the rules given as options to FILE as a policy.")
    Path savePolicy;

    @Option(names = "--check-untag", description = "If the registry accepts tag deletes but Berth cannot tell whether they remove "
            + "only the tag, find out first by pushing and deleting a tiny test artifact in the (first) repository.")
    boolean checkUntag;

    @Option(names = "--no-untag", description = "Never remove a tag on its own: a tag whose image stays for another tag is kept.")
    boolean noUntag;

    @Option(names = "--apply", description = "Really delete. Without it, only show what would happen.")
    boolean apply;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "4", description = "Deletes at a time (default: ${DEFAULT-VALUE}).")
    int concurrency = 4;

    @Option(names = "--journal", paramLabel = "DIR", description = "Journal directory (default: ~/.local/share/berth/journal).")
    Path journalDir;

    CleanupCommand(CliEnvironment environment) {
        super(environment);
    }

    @Override
    public Integer call() throws Exception {
        CommandLine commandLine = spec.commandLine();
        CleanupTarget where = CleanupTarget.parse(commandLine, target);
        CleanupPolicy policy = policy(commandLine, where);
        if (concurrency < 1 || concurrency > 32) throw new CommandLine.ParameterException(commandLine, "--concurrency must be 1 to 32");
        RegistryClient client = new CliConnector(environment).connect(commandLine, where.registry().registry(), where.registry().apiHost(),
                connection);
        List<String> repositories = where.repository().isPresent() ? List.of(where.repository().get())
                : CleanupScan.repositoriesUnder(client, where.namespace());
        if (repositories.isEmpty()) {
            environment.err().println("berth: no repository under " + where.describe());
            return BerthCli.ERROR;
        }
        // A dry run reads only; the probe's DELETEs (for things that exist nowhere) go where the person asked for writes.
        Capabilities capabilities = apply || checkUntag ? client.probeIncludingDeletes(Optional.of(repositories.getFirst()))
                : client.probe(Optional.of(repositories.getFirst()));
        if (apply && capabilities.deletes() == Capabilities.Ability.NO) {
            environment.err().println("berth: " + CleanupMessages.deletesDisabled("the registry answers DELETE with 405 UNSUPPORTED"));
            return BerthCli.ERROR;
        }
        CleanupScan.Referrers referrers = capabilities.referrersApi() == Capabilities.Ability.YES ? CleanupScan.Referrers.LOOK_UP
                : CleanupScan.Referrers.SKIP;
        if (!json) environment.err().println("Scanning " + Plural.of(repositories.size(), "repository", "repositories") + "…");
        List<RepositorySnapshot> snapshots = new CleanupScan(new RepositoryScanner(SummaryCache.inMemory()))
                .scan(client, repositories, referrers, new ScanWarnings(environment), CancelSignal.none());
        Capabilities.TagDeletion tagDeletion = capabilities.tagDeletion();
        if (checkUntag && !noUntag && tagDeletion == Capabilities.TagDeletion.ACCEPTED_EFFECT_UNKNOWN) {
            TagDeletionCheck.Result checked = client.checkTagDeletion(RequestNames.repository(repositories.getFirst()));
            tagDeletion = checked.effect();
            if (!json) environment.err().println(checked.explanation());
        }
        Untagging untagging = noUntag ? Untagging.UNAVAILABLE : Untagging.of(tagDeletion);
        CleanupPlan plan = CleanupPlanner.plan(snapshots, policy, Clock.systemUTC().instant(), untagging);

        Optional<ApplyResult> result = Optional.empty();
        if (!json) CleanupOutput.table(plan, !apply, environment.out());
        if (apply && !plan.isEmpty()) {
            CleanupExecutor executor = new CleanupExecutor(client, CliJournal.open(environment, journalDir), concurrency,
                    where.registry().registry(), Clock.systemUTC());
            result = Optional.of(executor.apply(plan, progress(), CancelSignal.none()));
        }
        if (json) {
            new Output(environment.out()).json(CleanupOutput.json(plan, result));
        } else {
            result.ifPresent(r -> CleanupOutput.summary(r, environment.out()));
            if (!apply && !plan.isEmpty()) environment.out().println("\nNothing was deleted. Run again with --apply to delete"
                    + (plan.untags().isEmpty() ? "." : " and untag."));
            if (!plan.keptWithTheirImage().isEmpty()) {
                environment.out().println("\nKept with their image: " + String.join(", ", plan.keptWithTheirImage()));
                environment.out().println(CleanupMessages.untagUnavailable(noUntag ? Capabilities.TagDeletion.REMOVES_TAG_ONLY : tagDeletion)
                        + (tagDeletion == Capabilities.TagDeletion.ACCEPTED_EFFECT_UNKNOWN || tagDeletion == Capabilities.TagDeletion.UNKNOWN
                        ? " (--check-untag)" : ""));
            }
            if (capabilities.deletes() == Capabilities.Ability.NO) {
                environment.out().println("Note: " + CleanupMessages.deletesDisabled("the registry answers DELETE with 405 UNSUPPORTED"));
            } else if (capabilities.deletes() == Capabilities.Ability.UNKNOWN && !apply && !plan.isEmpty()) {
                environment.out().println("Note: a dry run sends only GET and HEAD requests, so whether this registry allows deletes is "
                        + "found out when you apply.");
            }
            if (!plan.deletions().isEmpty()) CleanupOutput.gcAdvice(environment.out());
        }
        return result.map(r -> r.complete() ? BerthCli.OK : BerthCli.ERROR).orElse(BerthCli.OK);
    }

    private CleanupPolicy policy(CommandLine commandLine, CleanupTarget where) throws Exception {
        boolean ruleOptions = keepLast != null || olderThan != null || !include.isEmpty() || !exclude.isEmpty() || !protect.isEmpty()
                || order != null;
        if (policyFile != null) {
            if (ruleOptions) throw new CommandLine.ParameterException(commandLine, "--policy replaces the rule options; give one or the other");
            try {
                return PolicyFiles.read(policyFile);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new CommandLine.ParameterException(commandLine, "policy file " + policyFile + " does not exist");
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(commandLine, e.getMessage());
            }
        }
        if (!ruleOptions) {
            throw new CommandLine.ParameterException(commandLine, "say what to delete: --keep-last N, --older-than AGE and/or --include REGEX "
                    + "(or --policy FILE)");
        }
        RetentionRules rules;
        try {
            Optional<Duration> age = olderThan == null ? Optional.empty() : Optional.of(Ages.parse(olderThan));
            rules = new RetentionRules(Optional.ofNullable(keepLast), age, patterns(include), patterns(exclude), patterns(protect), order());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, e.getMessage());
        }
        String scope = where.repository().orElse(where.namespace().isEmpty() ? PolicyScope.ALL : where.namespace());
        CleanupPolicy policy = new CleanupPolicy(List.of(new PolicyScope(scope, rules)));
        if (savePolicy != null) PolicyFiles.write(savePolicy, policy);
        return policy;
    }

    private RetentionRules.Order order() {
        if (order == null) return RetentionRules.Order.CREATED;
        return switch (order.toLowerCase(java.util.Locale.ROOT)) {
            case "created", "date" -> RetentionRules.Order.CREATED;
            case "version", "semver" -> RetentionRules.Order.VERSION;
            default -> throw new IllegalArgumentException("--order must be 'created' or 'version', not '" + order + "'");
        };
    }

    private static List<TagPattern> patterns(List<String> regexes) {
        return regexes.stream().map(TagPattern::of).toList();
    }

    private Progress<ApplyEvent> progress() {
        return event -> {
            if (json || !(event instanceof ApplyEvent.Deleted(DeletionOutcome outcome, int done, int total))) return;
            synchronized (environment.err()) {
                environment.err().printf("[%d/%d] %s %s%n", done, total, CleanupOutput.status(outcome), CleanupOutput.what(outcome));
            }
        };
    }

    /** Reports manifests the scan could not read: they are kept, and the person should know why. */
    private record ScanWarnings(CliEnvironment environment) implements Progress<ScanEvent> {
        @Override
        public void report(ScanEvent event) {
            if (!(event instanceof ScanBatch batch)) return;
            for (ScanFailure failure : batch.failures()) {
                environment.err().println("berth: warning: could not read " + failure.what() + ": " + failure.cause().getMessage());
            }
        }
    }
}
