package dev.berth.cleanup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cleanup.TagAgreement.Verdict;
import dev.berth.domain.Digest;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every combination of what the tag list, HEAD and GET say about a tag, against the digest a delete expects. */
class TagAgreementTest {

    private static final Digest PLANNED = Digest.sha256("planned".getBytes());
    private static final Digest OTHER = Digest.sha256("other".getBytes());

    static Stream<Arguments> answers() {
        Optional<Digest> planned = Optional.of(PLANNED);
        Optional<Digest> other = Optional.of(OTHER);
        Optional<Digest> none = Optional.empty();
        return Stream.of(
                Arguments.of(true, planned, planned, Verdict.Agrees.class, ""),
                Arguments.of(true, other, planned, Verdict.Contradicts.class, "two different answers for team/app:v1 (GET " + PLANNED),
                Arguments.of(true, none, planned, Verdict.Contradicts.class, "HEAD not found"),
                Arguments.of(false, planned, planned, Verdict.Contradicts.class, "tag list for team/app leaves out v1"),
                Arguments.of(true, none, none, Verdict.Changed.class, "the image of tag v1 was deleted (the tag is still listed)"),
                Arguments.of(false, none, none, Verdict.Changed.class, "tag v1 was removed"),
                Arguments.of(true, other, other, Verdict.Changed.class, "tag v1 now points at " + OTHER.shortHex()),
                Arguments.of(false, other, other, Verdict.Contradicts.class, "leaves out v1"));
    }

    @ParameterizedTest
    @MethodSource("answers")
    void judgesTheAnswers(boolean listed, Optional<Digest> head, Optional<Digest> get, Class<? extends Verdict> expected, String says) {
        Verdict verdict = TagAgreement.judge("team/app", "v1", listed, head, get, PLANNED);
        assertEquals(expected, verdict.getClass());
        String text = switch (verdict) {
            case Verdict.Agrees a -> "";
            case Verdict.Changed c -> c.what();
            case Verdict.Contradicts c -> c.message();
        };
        assertTrue(text.contains(says), text);
        if (verdict instanceof Verdict.Contradicts) assertTrue(text.endsWith("check it."), text);
    }
}
