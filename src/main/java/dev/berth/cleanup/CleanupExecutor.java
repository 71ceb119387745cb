package dev.berth.cleanup;

import dev.berth.domain.Plural;
import dev.berth.registry.RequestNames;
import dev.berth.domain.RepositoryName;
import dev.berth.browse.TagInfo;
import dev.berth.cleanup.DeletionOutcome.Status;
import dev.berth.domain.Digest;
import dev.berth.work.CancelSignal;
import dev.berth.work.FanOut;
import dev.berth.work.Progress;
import dev.berth.registry.DeletableManifest;
import dev.berth.registry.DeleteResult;
import dev.berth.registry.ManifestResponse;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryException;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Applies a {@link CleanupPlan}: for each manifest, fetch it by digest (only a manifest response
 * yields a deletable digest, T1/T6), journal its bytes and tags, then delete it. Deletions run in
 * waves — whatever points at a manifest goes in an earlier wave — with at most {@code concurrency}
 * at a time; a manifest is deleted only if everything that pointed at it was (T7).
 * <p>
 * Cancelling stops new deletions; deletes already sent finish, so the journal never guesses. Deletes
 * disabled, a broken connection or an unwritable journal stop the whole run; a permission refusal
 * stops its repository. Everything not attempted is reported as skipped with the reason.
 */
public final class CleanupExecutor {

    private final RegistryClient client;
    private final Journal journal;
    private final int concurrency;
    private final Clock clock;
    private final String registryName;

    /**
     * @param registryName the registry as the person named it (e.g. {@code docker.io}), journaled
     *                     so that undo can find the same credentials
     */
    public CleanupExecutor(RegistryClient client, Journal journal, int concurrency, String registryName, Clock clock) {
        if (concurrency < 1 || concurrency > 32) throw new IllegalArgumentException("concurrency must be 1 to 32, not " + concurrency);
        this.client = client;
        this.journal = journal;
        this.concurrency = concurrency;
        this.registryName = registryName;
        this.clock = clock;
    }

    public CleanupExecutor(RegistryClient client, Journal journal, int concurrency) {
        this(client, journal, concurrency, client.host(), Clock.systemUTC());
    }

    /** Applies {@code plan}; throws only if the journal cannot be started (then nothing was deleted). */
    public ApplyResult apply(CleanupPlan plan, Progress<ApplyEvent> listener, CancelSignal cancel) throws IOException {
        List<ManifestDeletion> deletions = plan.deletions();
        List<TagRemoval> untags = plan.untags();
        int total = deletions.size() + untags.size();
        Journal.Writer writer = journal.begin(JournalOperation.Kind.CLEANUP, registryName, client.host(),
                describe(plan), clock.instant());
        listener.report(new ApplyEvent.Started(writer.id(), total));
        Run run = new Run(writer, listener, cancel, total);
        for (RepositoryPlan repository : plan.repositories()) {
            if (!repository.deletions().isEmpty() || !repository.untaggedTags().isEmpty()) run.preflight(repository);
        }
        // Untags first: should one show that the registry removes more than the tag, the run stops before any delete.
        run.runWave(untags);
        for (List<ManifestDeletion> wave : waves(deletions)) {
            run.runWave(wave);
        }
        List<DeletionOutcome> outcomes = java.util.stream.Stream.concat(untags.stream(), deletions.stream())
                .map(d -> run.outcomes.get(key(d))).toList();
        return new ApplyResult(writer.id(), outcomes, cancel.isCancelled(), Optional.ofNullable(run.stopAll.get()));
    }

    private static String describe(CleanupPlan plan) {
        return "cleanup of " + plan.repositories().stream().map(RepositoryPlan::repository).collect(java.util.stream.Collectors.joining(", "))
                + ": " + Plural.of(plan.deletions().size(), "manifest", "manifests") + ", "
                + Plural.of(plan.tags().stream().filter(TagDecision::deleted).count(), "tag", "tags")
                + (plan.untags().isEmpty() ? "" : ", " + Plural.of(plan.untags().size(), "tag", "tags") + " untagged");
    }

    /** Groups deletions so that each one's pointers are in earlier waves (plan order already respects that). */
    static List<List<ManifestDeletion>> waves(List<ManifestDeletion> deletions) {
        Map<String, Integer> level = new HashMap<>();
        List<List<ManifestDeletion>> waves = new ArrayList<>();
        for (ManifestDeletion d : deletions) level.putIfAbsent(key(d), 0);
        for (ManifestDeletion d : deletions) {
            int mine = level.get(key(d));
            for (Digest target : d.pointsTo()) level.merge(d.repository() + "@" + target, mine + 1, Math::max);
        }
        for (ManifestDeletion d : deletions) {
            int l = level.get(key(d));
            while (waves.size() <= l) waves.add(new ArrayList<>());
            waves.get(l).add(d);
        }
        return waves;
    }

    private static String key(Removal removal) {
        return switch (removal) {
            case ManifestDeletion d -> d.repository() + "@" + d.digest();
            case TagRemoval t -> t.repository() + ":" + t.tag();
        };
    }

    /** The state of one apply. */
    private final class Run {
        final Journal.Writer writer;
        final Progress<ApplyEvent> listener;
        final CancelSignal cancel;
        final int total;
        final Map<String, DeletionOutcome> outcomes = new ConcurrentHashMap<>();
        final Map<String, String> blocked = new ConcurrentHashMap<>();
        final Map<String, String> stoppedRepositories = new ConcurrentHashMap<>();
        final Map<String, List<String>> pointedAtBy = new HashMap<>();
        /** Each repository's tag list as the registry gives it now, to check every planned tag against. */
        final Map<String, Set<String>> listed = new ConcurrentHashMap<>();
        final AtomicReference<String> stopAll = new AtomicReference<>();
        final AtomicInteger done = new AtomicInteger();
        final RegistryClient reading;

        Run(Journal.Writer writer, Progress<ApplyEvent> listener, CancelSignal cancel, int total) {
            this.writer = writer;
            this.listener = listener;
            this.cancel = cancel;
            this.total = total;
            this.reading = client.withCancel(cancel);
        }

        /**
         * A tag pushed since the preview onto a digest the plan deletes would silently go with it
         * (T4): such digests, and what they point at, are left alone.
         */
        void preflight(RepositoryPlan repository) {
            Set<String> known = new HashSet<>();
            repository.tags().forEach(t -> known.add(t.tag()));
            Map<Digest, ManifestDeletion> planned = new LinkedHashMap<>();
            repository.deletions().forEach(d -> {
                planned.put(d.digest(), d);
                d.pointsTo().forEach(t -> pointedAtBy.computeIfAbsent(repository.repository() + "@" + t, k -> new ArrayList<>()).add(key(d)));
            });
            try {
                List<String> current = reading.tags(RequestNames.repository(repository.repository()));
                listed.put(repository.repository(), Set.copyOf(current));
                for (String tag : current) {
                    if (known.contains(tag) || planned.isEmpty()) continue;
                    Digest now;
                    try {
                        now = reading.headManifest(RequestNames.repository(repository.repository()), RequestNames.tag(tag)).digest();
                    } catch (RegistryException.NotFound gone) {
                        continue;
                    }
                    ManifestDeletion hit = planned.get(now);
                    if (hit != null) block(new TagInfo(repository.repository(), tag, now), hit, planned);
                }
            } catch (RegistryException.Forbidden | RegistryException.Unauthorized e) {
                stoppedRepositories.put(repository.repository(), CleanupMessages.notPermitted(repository.repository(), e));
            } catch (RegistryException e) {
                stoppedRepositories.put(repository.repository(), "Could not re-check the tags of " + repository.repository()
                        + " before deleting: " + e.getMessage());
            } catch (CancellationException e) {
                // reported per deletion below
            }
        }

        private void block(TagInfo newTag, ManifestDeletion hit, Map<Digest, ManifestDeletion> planned) {
            String reason = "tag " + newTag.tag() + " was pushed onto " + hit.digest().shortHex() + " after the preview; "
                    + "preview again to decide about it";
            List<ManifestDeletion> queue = new ArrayList<>(List.of(hit));
            while (!queue.isEmpty()) {
                ManifestDeletion d = queue.removeLast();
                if (blocked.putIfAbsent(key(d), reason) == null) {
                    d.pointsTo().stream().map(planned::get).filter(java.util.Objects::nonNull).forEach(queue::add);
                }
            }
        }

        /**
         * Not stopped by the cancel signal: a removal checks it before it starts and reports itself
         * skipped, and one already sent finishes, so that every removal has an outcome.
         */
        void runWave(List<? extends Removal> wave) {
            FanOut.forEach(wave, concurrency, CancelSignal.none(), removal -> { // started in plan order
                finish(removal, switch (removal) {
                    case ManifestDeletion d -> attempt(d);
                    case TagRemoval t -> attemptUntag(t);
                });
                return null;
            });
        }

        private void finish(Removal d, DeletionOutcome outcome) {
            outcomes.put(key(d), outcome);
            listener.report(new ApplyEvent.Deleted(outcome, done.incrementAndGet(), total));
        }

        private DeletionOutcome attempt(ManifestDeletion d) {
            Optional<String> skip = skipReason(d);
            if (skip.isPresent()) return new DeletionOutcome(d, Status.SKIPPED, skip.get());
            Optional<DeletionOutcome> disagreement = disagreement(d, d.tags());
            if (disagreement.isPresent()) return disagreement.get();
            ManifestResponse response;
            try {
                response = reading.manifest(RequestNames.repository(d.repository()), d.digest());
            } catch (RegistryException.NotFound gone) {
                return new DeletionOutcome(d, Status.ALREADY_GONE, "already gone");
            } catch (CancellationException e) {
                return new DeletionOutcome(d, Status.SKIPPED, "cancelled");
            } catch (RegistryException e) {
                return failure(d, e);
            }
            Optional<DeletableManifest> deletable = response.deletable();
            if (deletable.isEmpty()) {
                return new DeletionOutcome(d, Status.FAILED, "the registry answered with " + response.contentType()
                        + ", not the manifest type Berth asked for; its digest is not safe to delete.");
            }
            JournalEntry entry;
            try {
                entry = writer.record(d.repository(), d.digest(), response.contentType(), response.manifest().raw(), d.tags(), d.role());
            } catch (IOException | RuntimeException e) {
                stopAll.compareAndSet(null, CleanupMessages.journalFailed(e));
                return new DeletionOutcome(d, Status.FAILED, CleanupMessages.journalFailed(e));
            }
            DeletionOutcome outcome;
            boolean unknown = false;
            try {
                DeleteResult result = client.delete(deletable.get());
                outcome = switch (result.status()) {
                    case DELETED -> new DeletionOutcome(d, Status.DELETED, "deleted");
                    case NOT_FOUND -> new DeletionOutcome(d, Status.ALREADY_GONE, "already gone");
                    case DISABLED -> {
                        String message = CleanupMessages.deletesDisabled(result.message());
                        stopAll.compareAndSet(null, message);
                        yield new DeletionOutcome(d, Status.FAILED, message);
                    }
                };
            } catch (RegistryException e) {
                outcome = failure(d, e);
                unknown = e instanceof RegistryException.TransportFailure; // the delete may or may not have arrived
            }
            settle(entry, outcome, unknown);
            return outcome;
        }

        /**
         * Removes one tag: only while it still points at the planned digest (a tag pushed again since
         * the preview names another image), journaled first like a delete, and checked after: should
         * the manifest be gone too, the registry removes more than the tag, so the manifest and its
         * other tags are put back at once and the run stops.
         */
        private DeletionOutcome attemptUntag(TagRemoval t) {
            Optional<String> skip = skipReason(t);
            if (skip.isPresent()) return new DeletionOutcome(t, Status.SKIPPED, skip.get());
            Optional<DeletionOutcome> disagreement = disagreement(t, t.tags());
            if (disagreement.isPresent()) return disagreement.get();
            ManifestResponse response;
            try {
                response = reading.manifest(RequestNames.repository(t.repository()), t.digest());
            } catch (RegistryException.NotFound gone) {
                return new DeletionOutcome(t, Status.ALREADY_GONE, "already gone");
            } catch (CancellationException e) {
                return new DeletionOutcome(t, Status.SKIPPED, "cancelled");
            } catch (RegistryException e) {
                return failure(t, e);
            }
            JournalEntry entry;
            try {
                // Every tag of the image, not only the removed one: should the registry take the image, undo brings all back.
                List<String> tags = java.util.stream.Stream.concat(t.tags().stream(), t.otherTags().stream()).toList();
                entry = writer.record(t.repository(), t.digest(), response.contentType(), response.manifest().raw(), tags,
                        ManifestDeletion.Role.TAG_ONLY);
            } catch (IOException | RuntimeException e) {
                stopAll.compareAndSet(null, CleanupMessages.journalFailed(e));
                return new DeletionOutcome(t, Status.FAILED, CleanupMessages.journalFailed(e));
            }
            DeletionOutcome outcome;
            boolean unknown = false;
            try {
                DeleteResult result = client.untag(RequestNames.repository(t.repository()), RequestNames.tag(t.tag()));
                outcome = switch (result.status()) {
                    case DELETED -> imageStayed(t, response);
                    case NOT_FOUND -> new DeletionOutcome(t, Status.ALREADY_GONE, "already gone");
                    case DISABLED -> {
                        String message = CleanupMessages.deletesDisabled(result.message());
                        stopAll.compareAndSet(null, message);
                        yield new DeletionOutcome(t, Status.FAILED, message);
                    }
                };
            } catch (RegistryException.Unsupported e) {
                String message = CleanupMessages.untagRefused(e);
                stopAll.compareAndSet(null, message);
                outcome = new DeletionOutcome(t, Status.FAILED, message);
            } catch (RegistryException e) {
                outcome = failure(t, e);
                unknown = e instanceof RegistryException.TransportFailure;
            }
            settle(entry, outcome, unknown);
            return outcome;
        }

        /**
         * Every tag a removal takes (and journals) must still be listed and resolve to its digest, by
         * HEAD and by GET, as in the plan: a tag changed since the preview is skipped, and a registry
         * that contradicts itself gets nothing deleted (see {@link TagAgreement}).
         */
        private Optional<DeletionOutcome> disagreement(Removal r, List<String> tags) {
            Set<String> now = listed.getOrDefault(r.repository(), Set.of());
            for (String tag : tags) {
                TagAgreement.Verdict verdict;
                try {
                    verdict = TagAgreement.check(reading, r.repository(), tag, now.contains(tag), r.digest());
                    if (verdict instanceof TagAgreement.Verdict.Changed && alreadyDone(r)) {
                        return Optional.of(new DeletionOutcome(r, Status.ALREADY_GONE, "already gone"));
                    }
                } catch (CancellationException e) {
                    return Optional.of(new DeletionOutcome(r, Status.SKIPPED, "cancelled"));
                } catch (RegistryException e) {
                    return Optional.of(failure(r, e));
                }
                switch (verdict) {
                    case TagAgreement.Verdict.Agrees agrees -> { }
                    case TagAgreement.Verdict.Changed changed -> {
                        return Optional.of(new DeletionOutcome(r, Status.SKIPPED, changed.what()
                                + " since the preview; preview again to decide about it"));
                    }
                    case TagAgreement.Verdict.Contradicts contradiction -> {
                        return Optional.of(new DeletionOutcome(r, Status.FAILED, contradiction.message()));
                    }
                }
            }
            return Optional.empty();
        }

        /**
         * A rerun after a crash meets what the first run did: the planned image is gone (for an untag, the tag is).
         * That is done, not changed since the preview.
         */
        private boolean alreadyDone(Removal r) throws RegistryException {
            return switch (r) {
                case ManifestDeletion d -> reading.currentDigest(RequestNames.repository(d.repository()), d.digest()).isEmpty();
                case TagRemoval t -> reading.currentDigest(RequestNames.repository(t.repository()), RequestNames.tag(t.tag())).isEmpty();
            };
        }

        /** After an untag: the image must still be there; if the registry took it, it goes back with its other tags. */
        private DeletionOutcome imageStayed(TagRemoval t, ManifestResponse response) throws RegistryException {
            RepositoryName repository = RequestNames.repository(t.repository());
            if (client.currentDigest(repository, t.digest()).isPresent()) {
                return new DeletionOutcome(t, Status.DELETED, "untagged");
            }
            String image = t.repository() + "@" + t.digest().shortHex();
            String message;
            try {
                client.putManifest(repository, t.digest(), response.manifest().raw(), response.contentType());
                for (String other : t.otherTags()) {
                    client.putManifest(repository, RequestNames.tag(other), response.manifest().raw(), response.contentType());
                }
                message = CleanupMessages.untagRemovedImage(image, t.otherTags());
            } catch (RegistryException e) {
                message = CleanupMessages.untagRemovedImageNotRestored(image, e);
            }
            stopAll.compareAndSet(null, message);
            return new DeletionOutcome(t, Status.DELETED, message);
        }

        private void settle(JournalEntry entry, DeletionOutcome outcome, boolean unknown) {
            JournalEntry.State state = switch (outcome.status()) {
                case DELETED -> JournalEntry.State.DELETED;
                case ALREADY_GONE -> JournalEntry.State.ALREADY_GONE;
                default -> unknown ? JournalEntry.State.PENDING : JournalEntry.State.NOT_DELETED;
            };
            try {
                writer.settle(entry, state, outcome.message());
            } catch (IOException e) {
                // The PENDING record stays; undo checks the registry for such entries.
                stopAll.compareAndSet(null, CleanupMessages.journalFailed(e));
            }
        }

        private Optional<String> skipReason(Removal d) {
            if (stopAll.get() != null) return Optional.of("not tried: " + stopAll.get());
            if (stoppedRepositories.containsKey(d.repository())) return Optional.of("not tried: " + stoppedRepositories.get(d.repository()));
            if (cancel.isCancelled()) return Optional.of("cancelled");
            if (blocked.containsKey(key(d))) return Optional.of(blocked.get(key(d)));
            for (String parent : pointedAtBy.getOrDefault(key(d), List.of())) {
                DeletionOutcome p = outcomes.get(parent);
                if (p == null || !p.gone()) {
                    String pointer = Digest.parse(parent.substring(parent.indexOf('@') + 1)).shortHex();
                    return Optional.of("kept: " + pointer + " points at it and was not deleted");
                }
            }
            return Optional.empty();
        }

        private DeletionOutcome failure(Removal d, RegistryException e) {
            String message = switch (e) {
                case RegistryException.Forbidden f -> {
                    String m = CleanupMessages.notPermitted(d.repository(), f);
                    stoppedRepositories.putIfAbsent(d.repository(), m);
                    yield m;
                }
                case RegistryException.Unauthorized u -> {
                    String m = CleanupMessages.notPermitted(d.repository(), u);
                    stoppedRepositories.putIfAbsent(d.repository(), m);
                    yield m;
                }
                case RegistryException.Unsupported u -> {
                    String m = CleanupMessages.deletesDisabled(u.getMessage());
                    stopAll.compareAndSet(null, m);
                    yield m;
                }
                case RegistryException.TransportFailure t -> {
                    String m = CleanupMessages.unreachable(t);
                    stopAll.compareAndSet(null, m);
                    yield m;
                }
                default -> e.getMessage();
            };
            return new DeletionOutcome(d, Status.FAILED, message);
        }
    }
}
