package dev.berth.cleanup;

import dev.berth.domain.Digest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a tag or manifest is kept or deleted, for the preview: the rule that decided, in words a
 * person can check against their intent. The UI may switch on the type for icons and filters.
 */
public sealed interface Reason {

    /** True when this reason keeps what it is attached to. */
    boolean keeps();

    /** One line for a table cell. */
    String describe();

    // Keeping reasons

    /** No scope of the policy names the repository. */
    record NoRules() implements Reason {
        public boolean keeps() { return true; }
        public String describe() { return "no cleanup rule applies to this repository"; }
    }

    /**
     * Not selected by the include/exclude patterns; {@code tagsChosen} when the include pattern only names tags (the
     * tags chosen in the app's table), so the words speak of the choice, not of a pattern.
     */
    record NotSelected(Optional<String> excludedBy, boolean tagsChosen) implements Reason {
        public NotSelected { Objects.requireNonNull(excludedBy); }
        public boolean keeps() { return true; }
        public String describe() {
            return excludedBy.map(p -> "excluded by pattern " + p)
                    .orElse(tagsChosen ? "not among the tags chosen for deletion" : "not matched by any include pattern");
        }
    }

    record Protected(String pattern) implements Reason {
        public Protected { Objects.requireNonNull(pattern); }
        public boolean keeps() { return true; }
        public String describe() { return "protected by pattern " + pattern; }
    }

    /** Among the newest N images ({@code rank} is 1 for the newest). */
    record AmongNewest(int rank, int keepLast, RetentionRules.Order order) implements Reason {
        public boolean keeps() { return true; }
        public String describe() {
            return "among the newest " + keepLast + " (#" + rank + (order == RetentionRules.Order.VERSION ? " by version)" : ")");
        }
    }

    record TooRecent(Instant created, Duration olderThan) implements Reason {
        public TooRecent { Objects.requireNonNull(created); Objects.requireNonNull(olderThan); }
        public boolean keeps() { return true; }
        public String describe() { return "created " + created + ", not older than " + Ages.format(olderThan); }
    }

    /** The image has no created date, so age and rank cannot be judged. */
    record Undated() implements Reason {
        public boolean keeps() { return true; }
        public String describe() { return "no created date: age unknown, kept"; }
    }

    /** Ranking by version, but no tag of the image looks like a version. */
    record NotAVersion() implements Reason {
        public boolean keeps() { return true; }
        public String describe() { return "no version-like tag to rank by, kept"; }
    }

    /** The manifest could not be read (legacy schema1, missing, failed): Berth does not delete what it cannot see. */
    record Unreadable() implements Reason {
        public boolean keeps() { return true; }
        public String describe() { return "manifest could not be read, kept"; }
    }

    /** The rules would delete this tag, but its digest is kept for another tag (deleting is by digest: T4). */
    record SharesDigest(String keptTag, Reason because) implements Reason {
        public SharesDigest { Objects.requireNonNull(keptTag); Objects.requireNonNull(because); }
        public boolean keeps() { return true; }
        public String describe() { return "same digest as kept tag " + keptTag + " (" + because.describe() + ")"; }
    }

    /** A platform (or attestation) of a kept index: deleting it would break the index (T7). */
    record InKeptIndex(Digest index) implements Reason {
        public InKeptIndex { Objects.requireNonNull(index); }
        public boolean keeps() { return true; }
        public String describe() { return "part of kept index " + index.shortHex(); }
    }

    /** The subject of a kept signature, SBOM or attestation. */
    record SubjectOfKeptReferrer(Digest referrer) implements Reason {
        public SubjectOfKeptReferrer { Objects.requireNonNull(referrer); }
        public boolean keeps() { return true; }
        public String describe() { return "signed/attested by kept " + referrer.shortHex(); }
    }

    /** A signature, SBOM or attestation (or its referrers tag) of a kept manifest. */
    record ReferrerOfKept(Digest subject) implements Reason {
        public ReferrerOfKept { Objects.requireNonNull(subject); }
        public boolean keeps() { return true; }
        public String describe() { return "refers to kept " + subject.shortHex(); }
    }

    /** An accessory whose subject is not in the repository any more: left alone, not Berth's to judge. */
    record OrphanedReferrer(Digest subject) implements Reason {
        public OrphanedReferrer { Objects.requireNonNull(subject); }
        public boolean keeps() { return true; }
        public String describe() { return "refers to " + subject.shortHex() + ", which is not in this repository; left alone"; }
    }

    // Deleting reasons

    /** Outside the newest N and/or older than the age limit. */
    record Expired(Optional<Integer> rank, Optional<Instant> created, Optional<Duration> olderThan) implements Reason {
        public Expired { Objects.requireNonNull(rank); Objects.requireNonNull(created); Objects.requireNonNull(olderThan); }
        public boolean keeps() { return false; }
        public String describe() {
            List<String> parts = new java.util.ArrayList<>();
            rank.ifPresent(r -> parts.add("not among the newest (#" + r + ")"));
            olderThan.ifPresent(age -> parts.add("older than " + Ages.format(age)));
            created.ifPresent(c -> parts.add("created " + c));
            return String.join("; ", parts);
        }
    }

    /** Selected by an include pattern, with neither keep-last nor an age limit. */
    record Selected(String pattern) implements Reason {
        public Selected { Objects.requireNonNull(pattern); }
        public boolean keeps() { return false; }
        public String describe() {
            // Tags chosen in the app's table become a pattern of literals; the person chose tags, not a pattern.
            return TagPattern.literalTags(pattern).isPresent() ? "one of the tags chosen for deletion" : "matches include pattern " + pattern;
        }
    }

    /** The rules remove the tag, but its image stays (kept for {@code imageStays}): only the tag goes. */
    record Untagged(Reason because, Reason imageStays) implements Reason {
        public Untagged {
            Objects.requireNonNull(because);
            Objects.requireNonNull(imageStays);
            if (because.keeps() || !imageStays.keeps()) throw new IllegalArgumentException("untag " + because + " / " + imageStays);
        }
        public boolean keeps() { return false; }
        public String describe() { return because.describe() + "; only the tag goes, the image stays (" + imageStays.describe() + ")"; }
    }

    /** A platform or attestation of a deleted index: left behind it would keep its layers alive. */
    record ChildOfDeleted(Digest index) implements Reason {
        public ChildOfDeleted { Objects.requireNonNull(index); }
        public boolean keeps() { return false; }
        public String describe() { return "part of deleted index " + index.shortHex(); }
    }

    /** A signature, SBOM or attestation (or referrers tag) whose subject is deleted: it would point at nothing. */
    record ReferrerOfDeleted(Digest subject) implements Reason {
        public ReferrerOfDeleted { Objects.requireNonNull(subject); }
        public boolean keeps() { return false; }
        public String describe() { return "refers to deleted " + subject.shortHex(); }
    }
}
