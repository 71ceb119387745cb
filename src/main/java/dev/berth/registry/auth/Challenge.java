package dev.berth.registry.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code WWW-Authenticate} challenge: a scheme ({@code basic}, {@code bearer}) and its
 * parameters ({@code realm}, {@code service}, {@code scope}, {@code error}).
 */
public record Challenge(String scheme, Map<String, String> parameters) {

    public Challenge {
        scheme = scheme.toLowerCase(Locale.ROOT);
        parameters = Map.copyOf(parameters);
    }

    public boolean isBasic() {
        return scheme.equals("basic");
    }

    public boolean isBearer() {
        return scheme.equals("bearer");
    }

    public Optional<String> realm() {
        return Optional.ofNullable(parameters.get("realm"));
    }

    public Optional<String> service() {
        return Optional.ofNullable(parameters.get("service"));
    }

    /** The scopes the registry asks for; one parameter may list several, separated by spaces. */
    public List<Scope> scopes() {
        String scope = parameters.get("scope");
        if (scope == null || scope.isBlank()) return List.of();
        List<Scope> scopes = new ArrayList<>();
        for (String part : scope.trim().split("\\s+")) Scope.tryParse(part).ifPresent(scopes::add);
        return scopes;
    }

    /** True for {@code error="insufficient_scope"}: the token lacks an action; ask for more once. */
    public boolean isInsufficientScope() {
        return "insufficient_scope".equals(parameters.get("error"));
    }

    /** Parses every challenge in the given header values (a header may hold several). */
    public static List<Challenge> parseAll(List<String> headerValues) {
        List<Challenge> challenges = new ArrayList<>();
        for (String value : headerValues) challenges.addAll(new Tokenizer(value).challenges());
        return challenges;
    }

    /** Reads {@code Scheme k=v, k="v", Scheme2 k=v}; quoted values may hold commas and escapes. */
    private static final class Tokenizer {
        private final String text;
        private int pos;

        Tokenizer(String text) {
            this.text = text;
        }

        List<Challenge> challenges() {
            List<Challenge> result = new ArrayList<>();
            String scheme = null;
            Map<String, String> params = new LinkedHashMap<>();
            while (true) {
                skip(" ,\t");
                if (pos >= text.length()) break;
                String token = token();
                if (token.isEmpty()) {
                    pos++; // an unexpected character: step over it rather than loop
                    continue;
                }
                skip(" \t");
                if (pos < text.length() && text.charAt(pos) == '=' && scheme != null) {
                    pos++;
                    skip(" \t");
                    params.put(token.toLowerCase(Locale.ROOT), value());
                } else {
                    if (scheme != null) result.add(new Challenge(scheme, params));
                    scheme = token;
                    params = new LinkedHashMap<>();
                }
            }
            if (scheme != null) result.add(new Challenge(scheme, params));
            return result;
        }

        private String token() {
            int start = pos;
            while (pos < text.length() && " \t,=\"".indexOf(text.charAt(pos)) < 0) pos++;
            return text.substring(start, pos);
        }

        private String value() {
            if (pos < text.length() && text.charAt(pos) == '"') {
                StringBuilder value = new StringBuilder();
                pos++;
                while (pos < text.length() && text.charAt(pos) != '"') {
                    char c = text.charAt(pos++);
                    if (c == '\\' && pos < text.length()) c = text.charAt(pos++);
                    value.append(c);
                }
                pos++;
                return value.toString();
            }
            return token();
        }

        private void skip(String chars) {
            while (pos < text.length() && chars.indexOf(text.charAt(pos)) >= 0) pos++;
        }
    }
}
