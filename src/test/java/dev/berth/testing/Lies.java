package dev.berth.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.testing.RegistryProxy.Answer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import mockwebserver3.RecordedRequest;

/**
 * Ways a registry contradicts itself, as {@link RegistryProxy} handlers over a real registry. Each
 * can tell the truth for its first {@code honest} answers and lie after, as storage that changes
 * between two reads does: that lets one run (a cleanup's scan, then its apply) see both.
 */
public final class Lies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Lies() {}

    /** HEAD {@code repository:tag} reports {@code digest} in Docker-Content-Digest; GET still sends the real manifest. */
    public static Lie headDigest(String repository, String tag, String digest, int honest) {
        return lie(request -> request.getMethod().equals("HEAD")
                && request.getUrl().encodedPath().equals("/v2/" + repository + "/manifests/" + tag), honest,
                answer -> answer.withHeader("Docker-Content-Digest", digest));
    }

    /** The tag list of {@code repository} leaves {@code tag} out; the tag itself still resolves. */
    public static Lie tagListWithout(String repository, String tag, int honest) {
        return lie(request -> request.getMethod().equals("GET") && request.getUrl().encodedPath().equals("/v2/" + repository + "/tags/list"),
                honest, answer -> answer.withBody(without(answer.body(), tag)));
    }

    /** Tells the truth until {@link #startLying()}; for a run whose number of reads before the delete a test cannot count. */
    public static final int UNTIL_TOLD = Integer.MAX_VALUE;

    /** One lie: honest for its first answers, then lying. */
    public static final class Lie implements RegistryProxy.Handler {
        private final Predicate<RecordedRequest> about;
        private final java.util.function.UnaryOperator<Answer> lie;
        private final AtomicInteger honestLeft;

        private Lie(Predicate<RecordedRequest> about, int honest, java.util.function.UnaryOperator<Answer> lie) {
            this.about = about;
            this.lie = lie;
            this.honestLeft = new AtomicInteger(honest);
        }

        /** Lies from the next answer on. */
        public void startLying() {
            honestLeft.set(0);
        }

        @Override
        public Answer handle(RecordedRequest request, RegistryProxy.Upstream upstream) {
            Answer truth = upstream.forward(request);
            if (!about.test(request) || honestLeft.getAndUpdate(n -> n == UNTIL_TOLD ? n : Math.max(0, n - 1)) > 0) return truth;
            return lie.apply(truth);
        }
    }

    private static Lie lie(Predicate<RecordedRequest> about, int honest, java.util.function.UnaryOperator<Answer> lie) {
        return new Lie(about, honest, lie);
    }

    private static byte[] without(byte[] tagList, String tag) {
        try {
            ObjectNode list = (ObjectNode) JSON.readTree(tagList);
            ArrayNode kept = JSON.createArrayNode();
            list.withArray("tags").forEach(t -> {
                if (!t.asText().equals(tag)) kept.add(t);
            });
            list.set("tags", kept);
            return JSON.writeValueAsBytes(list);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
