package dev.berth.cleanup;

import dev.berth.browse.ImageSummary;
import dev.berth.browse.RepositorySnapshot;
import dev.berth.browse.TagInfo;
import dev.berth.cleanup.TagDecision.Fate;
import dev.berth.domain.Digest;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The planning of one repository, in four steps:
 * <ol>
 *   <li>each ordinary tag gets a verdict from the rules;</li>
 *   <li>KEEP spreads: a digest with one kept tag is kept (deletes are by digest, T4), and so is
 *       everything a kept manifest needs — the children of a kept index (T7), the subject of a kept
 *       referrer — and every referrer (signature, SBOM, attestation) of a kept manifest;</li>
 *   <li>DELETE spreads from digests all of whose tags are deleted to what only they need: children
 *       of a deleted index (left behind, they would keep their layers alive) and referrers of a
 *       deleted subject (left behind, they would point at nothing). Keep wins every conflict;</li>
 *   <li>accessories — referrers-tag indexes ({@code sha256-<hex>}), cosign tags
 *       ({@code sha256-<hex>.sig}) and tagged artifacts with a subject — are not judged by the
 *       rules: they follow their subject, and are left alone when the subject is not here.</li>
 * </ol>
 * Where the registry can remove a tag on its own ({@link Untagging#AVAILABLE}), a tag the rules
 * delete whose image is kept anyway is untagged instead of kept.
 */
final class RepositoryPlanning {

    /** {@code sha256-<hex>} (OCI referrers fallback tag) and cosign's {@code sha256-<hex>.sig|.att|.sbom}. */
    private static final Pattern ACCESSORY_TAG = Pattern.compile("(sha256|sha512)-([0-9a-f]{64}|[0-9a-f]{128})(\\.[A-Za-z0-9]+)?");

    private final RepositorySnapshot snapshot;
    private final Optional<RetentionRules> rules;
    private final Instant now;
    private final Untagging untagging;
    private final Map<Digest, List<String>> tagsByDigest;
    private final Map<Digest, List<Digest>> referrersBySubject = new HashMap<>();
    private final Map<Digest, List<TagInfo>> accessoriesBySubject = new HashMap<>();
    private final Map<TagInfo, Digest> accessorySubject = new LinkedHashMap<>();
    private final List<TagInfo> ordinary = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<String> keptWithTheirImage = new ArrayList<>();

    RepositoryPlanning(RepositorySnapshot snapshot, Optional<RetentionRules> rules, Instant now, Untagging untagging) {
        this.snapshot = snapshot;
        this.rules = rules;
        this.now = now;
        this.untagging = untagging;
        this.tagsByDigest = snapshot.tagsByDigest();
        // Only referrers are sorted (Map.copyOf has no stable order): sorting every image by digest showed in profiles.
        List<ImageSummary> referrers = new ArrayList<>(snapshot.images().values().stream().filter(i -> i.subject().isPresent()).toList());
        referrers.sort(Comparator.comparing(ImageSummary::digest));
        for (ImageSummary image : referrers) {
            referrersBySubject.computeIfAbsent(image.subject().get(), k -> new ArrayList<>()).add(image.digest());
        }
        for (TagInfo tag : snapshot.tags()) {
            Optional<Digest> subject = accessorySubject(tag);
            if (subject.isPresent()) {
                accessorySubject.put(tag, subject.get());
                accessoriesBySubject.computeIfAbsent(subject.get(), k -> new ArrayList<>()).add(tag);
            } else {
                ordinary.add(tag);
            }
        }
    }

    RepositoryPlan plan() {
        Map<TagInfo, Reason> verdicts = verdicts();

        Map<Digest, Reason> roots = new LinkedHashMap<>();
        Map<Digest, Reason> seeds = new LinkedHashMap<>();
        for (TagInfo tag : ordinary) {
            Reason verdict = verdicts.get(tag);
            if (verdict.keeps()) roots.putIfAbsent(tag.digest(), new Reason.SharesDigest(tag.tag(), verdict));
        }
        for (TagInfo tag : ordinary) {
            if (!verdicts.get(tag).keeps() && !roots.containsKey(tag.digest())) seeds.putIfAbsent(tag.digest(), verdicts.get(tag));
        }
        Map<TagInfo, Reason> accessoryReasons = new LinkedHashMap<>();
        rules.ifPresent(r -> accessorySubject.keySet().forEach(tag -> r.protectingPattern(tag.tag()).ifPresent(p -> {
            accessoryReasons.put(tag, new Reason.Protected(p.regex()));
            roots.putIfAbsent(tag.digest(), new Reason.SharesDigest(tag.tag(), new Reason.Protected(p.regex())));
        })));

        Map<Digest, Reason> kept = keepClosure(roots);
        Map<Digest, Reason> deleted = deleteClosure(seeds, kept);
        // Accessories still undecided have a subject that is neither kept nor deleted here: leave them and what they need.
        boolean more = false;
        for (Map.Entry<TagInfo, Digest> accessory : accessorySubject.entrySet()) {
            Digest digest = accessory.getKey().digest();
            if (!kept.containsKey(digest) && !deleted.containsKey(digest) && !roots.containsKey(digest)) {
                roots.put(digest, new Reason.OrphanedReferrer(accessory.getValue()));
                more = true;
            }
        }
        if (more) {
            kept = keepClosure(roots);
            deleted.keySet().removeAll(kept.keySet());
        }

        List<TagDecision> decisions = new ArrayList<>();
        for (TagInfo tag : snapshot.tags()) decisions.add(decide(tag, verdicts, accessoryReasons, kept, deleted));
        return new RepositoryPlan(snapshot.repository(), rules, decisions, deletions(deleted), untags(decisions),
                keptWithTheirImage, warnings);
    }

    private List<TagRemoval> untags(List<TagDecision> decisions) {
        Map<Digest, List<String>> staying = new HashMap<>();
        decisions.stream().filter(d -> !d.removed()).forEach(d -> staying.computeIfAbsent(d.digest(), k -> new ArrayList<>()).add(d.tag()));
        return decisions.stream().filter(TagDecision::untagged).map(d -> new TagRemoval(d.repository(), d.tag(), d.digest(),
                staying.getOrDefault(d.digest(), List.of()), d.reason())).toList();
    }

    // Step 1 -------------------------------------------------------------------------------------------------

    private Map<TagInfo, Reason> verdicts() {
        Map<TagInfo, Reason> verdicts = new HashMap<>();
        if (rules.isEmpty()) {
            ordinary.forEach(t -> verdicts.put(t, new Reason.NoRules()));
            return verdicts;
        }
        RetentionRules r = rules.get();
        Map<Digest, Integer> ranks = r.keepLast().isPresent() ? ranks(r) : Map.of();
        int unreadable = 0;
        boolean tagsChosen = !r.include().isEmpty() && r.include().stream().allMatch(p -> TagPattern.literalTags(p.regex()).isPresent());
        for (TagInfo tag : ordinary) {
            Reason verdict;
            if (!r.selects(tag.tag())) {
                verdict = new Reason.NotSelected(r.exclude().stream().filter(p -> p.matches(tag.tag())).findFirst().map(TagPattern::regex),
                        tagsChosen);
            } else if (r.protectingPattern(tag.tag()).isPresent()) {
                verdict = new Reason.Protected(r.protectingPattern(tag.tag()).get().regex());
            } else if (snapshot.image(tag.digest()).isEmpty()) {
                verdict = new Reason.Unreadable();
                unreadable++;
            } else {
                verdict = judge(r, tag, snapshot.image(tag.digest()).get(), ranks);
            }
            verdicts.put(tag, verdict);
        }
        if (unreadable > 0) {
            warnings.add(unreadable + " tag(s) point at manifests Berth could not read (legacy schema1 or missing); they are kept, "
                    + "and the layers they share with deleted images are not known");
        }
        return verdicts;
    }

    private Reason judge(RetentionRules r, TagInfo tag, ImageSummary image, Map<Digest, Integer> ranks) {
        Optional<Integer> rank = Optional.ofNullable(ranks.get(tag.digest()));
        if (r.keepLast().isPresent()) {
            if (rank.isEmpty()) return r.order() == RetentionRules.Order.VERSION ? new Reason.NotAVersion() : new Reason.Undated();
            if (rank.get() <= r.keepLast().get()) return new Reason.AmongNewest(rank.get(), r.keepLast().get(), r.order());
        }
        if (r.olderThan().isPresent()) {
            if (image.created().isEmpty()) return new Reason.Undated();
            if (!image.created().get().isBefore(now.minus(r.olderThan().get()))) {
                return new Reason.TooRecent(image.created().get(), r.olderThan().get());
            }
        }
        if (r.keepLast().isEmpty() && r.olderThan().isEmpty()) {
            return new Reason.Selected(r.include().stream().filter(p -> p.matches(tag.tag())).findFirst().orElseThrow().regex());
        }
        return new Reason.Expired(r.keepLast().isPresent() ? rank : Optional.empty(), image.created(), r.olderThan());
    }

    /** Rank (1 = newest) of every selected image that can be ranked: images, not tags, are counted. */
    private Map<Digest, Integer> ranks(RetentionRules r) {
        Map<Digest, Optional<VersionOrder>> versions = new LinkedHashMap<>();
        for (TagInfo tag : ordinary) {
            if (!r.selects(tag.tag()) || snapshot.image(tag.digest()).isEmpty()) continue;
            Optional<VersionOrder> version = r.order() == RetentionRules.Order.VERSION ? VersionOrder.parse(tag.tag()) : Optional.empty();
            versions.merge(tag.digest(), version, (a, b) -> a.isEmpty() ? b : b.isEmpty() ? a : a.get().compareTo(b.get()) >= 0 ? a : b);
        }
        // Keys computed once: the sort compares n log n times, and a snapshot lookup per comparison showed in profiles.
        record Ranked(Digest digest, Optional<VersionOrder> version, Instant created) {}
        List<Ranked> sorted = new ArrayList<>();
        versions.forEach((d, version) -> {
            Optional<Instant> created = snapshot.image(d).get().created();
            boolean rankable = r.order() == RetentionRules.Order.VERSION ? version.isPresent() : created.isPresent();
            if (rankable) sorted.add(new Ranked(d, version, created.orElse(Instant.MIN)));
        });
        Comparator<Ranked> byCreated = Comparator.comparing(Ranked::created).reversed();
        Comparator<Ranked> newestFirst = r.order() == RetentionRules.Order.VERSION
                ? Comparator.comparing((Ranked k) -> k.version().get()).reversed().thenComparing(byCreated) : byCreated;
        sorted.sort(newestFirst.thenComparing(k -> k.digest().hex()));
        Map<Digest, Integer> ranks = new HashMap<>();
        for (int i = 0; i < sorted.size(); i++) ranks.put(sorted.get(i).digest(), i + 1);
        return ranks;
    }

    // Steps 2 and 3 --------------------------------------------------------------------------------------------

    private Map<Digest, Reason> keepClosure(Map<Digest, Reason> roots) {
        Map<Digest, Reason> kept = new LinkedHashMap<>(roots);
        Deque<Digest> queue = new ArrayDeque<>(roots.keySet());
        while (!queue.isEmpty()) {
            Digest d = queue.poll();
            Optional<ImageSummary> image = snapshot.image(d);
            List<Map.Entry<Digest, Reason>> next = new ArrayList<>();
            image.ifPresent(i -> {
                i.children().forEach(c -> next.add(Map.entry(c, new Reason.InKeptIndex(d))));
                i.subject().ifPresent(s -> next.add(Map.entry(s, new Reason.SubjectOfKeptReferrer(d))));
            });
            referrersBySubject.getOrDefault(d, List.of()).forEach(r -> next.add(Map.entry(r, new Reason.ReferrerOfKept(d))));
            accessoriesBySubject.getOrDefault(d, List.of()).forEach(t -> next.add(Map.entry(t.digest(), new Reason.ReferrerOfKept(d))));
            for (Map.Entry<Digest, Reason> n : next) {
                if (kept.putIfAbsent(n.getKey(), n.getValue()) == null) queue.add(n.getKey());
            }
        }
        return kept;
    }

    private Map<Digest, Reason> deleteClosure(Map<Digest, Reason> seeds, Map<Digest, Reason> kept) {
        Map<Digest, Reason> deleted = new LinkedHashMap<>();
        Deque<Digest> queue = new ArrayDeque<>();
        seeds.forEach((d, reason) -> {
            if (!kept.containsKey(d) && snapshot.image(d).isPresent()) {
                deleted.put(d, reason);
                queue.add(d);
            }
        });
        while (!queue.isEmpty()) {
            Digest d = queue.poll();
            List<Map.Entry<Digest, Reason>> next = new ArrayList<>();
            snapshot.image(d).ifPresent(i -> i.children().forEach(c -> next.add(Map.entry(c, new Reason.ChildOfDeleted(d)))));
            referrersBySubject.getOrDefault(d, List.of()).forEach(r -> next.add(Map.entry(r, new Reason.ReferrerOfDeleted(d))));
            accessoriesBySubject.getOrDefault(d, List.of()).forEach(t -> next.add(Map.entry(t.digest(), new Reason.ReferrerOfDeleted(d))));
            for (Map.Entry<Digest, Reason> n : next) {
                // Only what Berth has seen can be deleted: a child missing from the snapshot is already gone (T7).
                if (kept.containsKey(n.getKey()) || snapshot.image(n.getKey()).isEmpty()) continue;
                if (deleted.putIfAbsent(n.getKey(), n.getValue()) == null) queue.add(n.getKey());
            }
        }
        return deleted;
    }

    // Step 4 and the result --------------------------------------------------------------------------------------

    private TagDecision decide(TagInfo tag, Map<TagInfo, Reason> verdicts, Map<TagInfo, Reason> accessoryReasons,
            Map<Digest, Reason> kept, Map<Digest, Reason> deleted) {
        Digest d = tag.digest();
        if (deleted.containsKey(d)) {
            Reason own = verdicts.get(tag);
            return new TagDecision(snapshot.repository(), tag.tag(), d, Fate.DELETE, own != null && !own.keeps() ? own : deleted.get(d));
        }
        Reason reason = verdicts.get(tag);
        if (reason != null && !reason.keeps() && kept.containsKey(d)) {
            if (untagging == Untagging.AVAILABLE) {
                return new TagDecision(snapshot.repository(), tag.tag(), d, Fate.UNTAG, new Reason.Untagged(reason, kept.get(d)));
            }
            keptWithTheirImage.add(tag.tag());
        }
        if (reason == null) reason = accessoryReasons.get(tag);
        if (reason == null || !reason.keeps()) {
            reason = kept.get(d);
            if (reason instanceof Reason.SharesDigest shares && shares.keptTag().equals(tag.tag())) reason = shares.because();
        }
        if (reason == null) reason = new Reason.Unreadable(); // unreachable: every tag's digest is kept or deleted
        return new TagDecision(snapshot.repository(), tag.tag(), d, Fate.KEEP, reason);
    }

    /** The deletions, ordered so that whatever points at a manifest is deleted before it (Kahn's algorithm). */
    private List<ManifestDeletion> deletions(Map<Digest, Reason> deleted) {
        Map<Digest, List<Digest>> pointsTo = new LinkedHashMap<>();
        Map<Digest, Integer> pointedAtBy = new HashMap<>();
        for (Digest d : deleted.keySet()) {
            ImageSummary image = snapshot.image(d).orElseThrow();
            Set<Digest> targets = new LinkedHashSet<>(image.children());
            image.subject().ifPresent(targets::add);
            List<Digest> inPlan = targets.stream().filter(deleted::containsKey).toList();
            pointsTo.put(d, inPlan);
            inPlan.forEach(t -> pointedAtBy.merge(t, 1, Integer::sum));
        }
        Deque<Digest> ready = new ArrayDeque<>();
        deleted.keySet().stream().filter(d -> !pointedAtBy.containsKey(d)).forEach(ready::add);
        List<ManifestDeletion> ordered = new ArrayList<>();
        while (!ready.isEmpty()) {
            Digest d = ready.poll();
            ordered.add(deletion(d, deleted.get(d), pointsTo.get(d)));
            for (Digest t : pointsTo.get(d)) {
                if (pointedAtBy.merge(t, -1, Integer::sum) == 0) ready.add(t);
            }
        }
        return ordered;
    }

    private ManifestDeletion deletion(Digest d, Reason reason, List<Digest> pointsTo) {
        ImageSummary image = snapshot.image(d).orElseThrow();
        ManifestDeletion.Role role = switch (reason) {
            case Reason.ChildOfDeleted c -> ManifestDeletion.Role.INDEX_CHILD;
            case Reason.ReferrerOfDeleted r -> ManifestDeletion.Role.REFERRER;
            default -> ManifestDeletion.Role.TAGGED;
        };
        return new ManifestDeletion(snapshot.repository(), d, image.mediaType(), tagsByDigest.getOrDefault(d, List.of()), role, reason,
                pointsTo, image.size());
    }

    private Optional<Digest> accessorySubject(TagInfo tag) {
        Matcher m = ACCESSORY_TAG.matcher(tag.tag());
        if (m.matches()) {
            try {
                return Optional.of(new Digest(m.group(1), m.group(2)));
            } catch (IllegalArgumentException notADigest) {
                return Optional.empty();
            }
        }
        return snapshot.image(tag.digest()).flatMap(ImageSummary::subject);
    }
}
