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
    public static RegistryProxy.Handler headDigest(String repository, String tag, String digest, int honest) {
        return lie(request -> request.getMethod().equals("HEAD")
                && request.getUrl().encodedPath().equals("/v2/" + repository + "/manifests/" + tag), honest,
                answer -> answer.withHeader("Docker-Content-Digest", digest));
    }

    /** The tag list of {@code repository} leaves {@code tag} out; the tag itself still resolves. */
    public static RegistryProxy.Handler tagListWithout(String repository, String tag, int honest) {
        return lie(request -> request.getMethod().equals("GET") && request.getUrl().encodedPath().equals("/v2/" + repository + "/tags/list"),
                honest, answer -> answer.withBody(without(answer.body(), tag)));
    }

    private static RegistryProxy.Handler lie(Predicate<RecordedRequest> about, int honest, java.util.function.UnaryOperator<Answer> lie) {
        AtomicInteger asked = new AtomicInteger();
        return (request, upstream) -> {
            Answer truth = upstream.forward(request);
            if (!about.test(request) || asked.incrementAndGet() <= honest) return truth;
            return lie.apply(truth);
        };
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
