package dev.berth.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/** The engine's own words from its JSON answers: {@code {"message": …}} errors and {@code {"error": …}} lines of a stream. */
final class EngineAnswers {

    /** An answer longer than this is not a message worth showing. */
    static final int MAX_ANSWER = 64 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private EngineAnswers() {}

    /** {@code {"message":"…"}} as its message; other text as it is, trimmed. */
    static String message(String answer) {
        if (answer == null) return "no reason given";
        String text = answer.strip();
        try {
            JsonNode node = JSON.readTree(text);
            if (node != null && node.hasNonNull("message")) return node.get("message").asText();
        } catch (IOException notJson) {
            // Plain text, or JSON inside a sentence (docker-java's exception messages): shown as it is.
        }
        return text.isEmpty() ? "no reason given" : text;
    }

    /** The first {@code error} of a JSON-lines answer (a load reports failure this way, inside a 200). */
    static Optional<String> streamError(String answer) {
        for (String line : answer.split("\n")) {
            try {
                JsonNode node = JSON.readTree(line);
                if (node != null && node.hasNonNull("error")) return Optional.of(node.get("error").asText());
                if (node != null && node.path("errorDetail").hasNonNull("message")) return Optional.of(node.path("errorDetail").get("message").asText());
            } catch (IOException notJson) {
                // Not a JSON line: not an error report.
            }
        }
        return Optional.empty();
    }
}
