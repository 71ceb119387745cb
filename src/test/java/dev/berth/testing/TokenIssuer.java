package dev.berth.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * A small Docker-registry token service for tests (the registry side is the real Distribution): answers
 * {@code GET /token?service=&scope=} and the OAuth2 {@code POST /token}, issuing RS256 JWTs signed with a
 * certificate from a {@link TestPki}.
 */
public final class TokenIssuer implements AutoCloseable {

    /**
     * One request as the issuer saw it. {@code user} is the name presented (basic auth, form username or the
     * owner of a refresh token), null when anonymous, and is recorded even if authentication then failed.
     * {@code scopes}: GET records each {@code scope} parameter exactly as sent (so a test can tell whether a
     * client split a space-separated challenge scope); POST records its space-separated {@code scope} split.
     */
    public record TokenRequest(String method, boolean hadAuthorization, String user, List<String> scopes,
            String grantType) {}

    private record Grant(String user, Pattern repository, Set<String> actions) {}

    public static final String SERVICE = "test-registry";
    public static final String ISSUER = "test-issuer";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestPki pki;
    private final TestPki.Issued signer;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    private final List<Grant> grants = new CopyOnWriteArrayList<>();
    private final Set<String> catalogUsers = ConcurrentHashMap.newKeySet();
    private final List<TokenRequest> requests = new CopyOnWriteArrayList<>();
    private volatile Duration lifetime = Duration.ofMinutes(5);

    private TokenIssuer(TestPki pki, TestPki.Issued signer) throws IOException {
        this.pki = pki;
        this.signer = signer;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "token-issuer");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts an issuer signing with a fresh leaf certificate from {@code pki}. */
    public static TokenIssuer start(TestPki pki) {
        return start(pki, pki.signingCertificate("test-token-signer"));
    }

    /**
     * Starts an issuer signing with {@code signer}, while {@link #writeRootCertBundle} still writes {@code pki}'s
     * root: pass e.g. {@link TestPki#selfSigned} to get tokens the registry must reject.
     */
    public static TokenIssuer start(TestPki pki, TestPki.Issued signer) {
        try {
            return new TokenIssuer(pki, signer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String realm() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    public String service() {
        return SERVICE;
    }

    public String issuer() {
        return ISSUER;
    }

    public TestPki.Issued signer() {
        return signer;
    }

    /**
     * Writes what the registry's {@code auth.token.rootcertbundle} needs: the pki's root CA. Distribution 2.8
     * verifies the {@code x5c} leaf against this pool, so the root (not the leaf) is the realistic choice: any
     * leaf the CA issues is then accepted and a foreign one is not.
     */
    public Path writeRootCertBundle(Path file) {
        return pki.writeRootPem(file);
    }

    public TokenIssuer addUser(String user, String password) {
        passwords.put(user, password);
        return this;
    }

    /**
     * Allows {@code user} (null = everyone, including anonymous callers) the {@code actions} (e.g. "pull",
     * "push", "delete", or "*" for all) on repositories matching {@code repository}, a glob where {@code *}
     * matches any characters including '/' ("team/*", "*", "exact/name").
     */
    public TokenIssuer grant(String user, String repository, String... actions) {
        StringBuilder regex = new StringBuilder();
        for (String part : repository.split("\\*", -1)) {
            if (!regex.isEmpty()) regex.append(".*");
            regex.append(Pattern.quote(part));
        }
        grants.add(new Grant(user, Pattern.compile(regex.toString()), Set.copyOf(Arrays.asList(actions))));
        return this;
    }

    /** Allows {@code user} (null = everyone) {@code registry:catalog:*}. */
    public TokenIssuer grantCatalog(String user) {
        catalogUsers.add(user == null ? "" : user);
        return this;
    }

    /** Makes {@code refreshToken} valid for the OAuth2 refresh_token grant, acting as {@code user}. */
    public TokenIssuer addRefreshToken(String refreshToken, String user) {
        refreshTokens.put(refreshToken, user);
        return this;
    }

    /** expires_in and the JWT's exp (note Distribution allows 60 s leeway past exp). */
    public TokenIssuer tokenLifetime(Duration lifetime) {
        this.lifetime = lifetime;
        return this;
    }

    public List<TokenRequest> requests() {
        return List.copyOf(requests);
    }

    public void clearRequests() {
        requests.clear();
    }

    /**
     * A token granting exactly {@code scopes} (e.g. "repository:a/b:pull,push") to {@code subject}, bypassing
     * users and grants and not recorded in {@link #requests()}: for seeding, or for hand-made scope tests.
     */
    public String mintToken(String subject, String... scopes) {
        return sign(subject, access(Arrays.asList(scopes), null, true));
    }

    /** The decoded claims of a JWT (no verification), for assertions. */
    public static JsonNode claims(String jwt) {
        return decodePart(jwt, 1);
    }

    /** The decoded header of a JWT, for assertions. */
    public static JsonNode header(String jwt) {
        return decodePart(jwt, 0);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---------------------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"/token".equals(exchange.getRequestURI().getPath())) {
                respond(exchange, 404, error("NOT_FOUND", "no such endpoint"));
                return;
            }
            switch (exchange.getRequestMethod()) {
                case "GET" -> handleGet(exchange);
                case "POST" -> handlePost(exchange);
                default -> respond(exchange, 405, error("UNSUPPORTED", "method not allowed"));
            }
        } catch (RuntimeException e) {
            respond(exchange, 500, error("INTERNAL", String.valueOf(e)));
        }
    }

    private void handleGet(HttpExchange exchange) throws IOException {
        Map<String, List<String>> query = parseForm(exchange.getRequestURI().getRawQuery());
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String user = null;
        String password = null;
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            user = colon < 0 ? decoded : decoded.substring(0, colon);
            password = colon < 0 ? "" : decoded.substring(colon + 1);
        }
        List<String> scopes = query.getOrDefault("scope", List.of());
        requests.add(new TokenRequest("GET", authorization != null, user, List.copyOf(scopes), null));
        if (authorization != null && (user == null || !Objects.equals(passwords.get(user), password))) {
            respond(exchange, 401, error("UNAUTHORIZED", "invalid username or password"));
            return;
        }
        if (!SERVICE.equals(first(query, "service"))) {
            respond(exchange, 400, error("INVALID_REQUEST", "service must be " + SERVICE));
            return;
        }
        // Several scopes in one parameter (space-separated) are tolerated here, as real token services do.
        List<String> split = scopes.stream().flatMap(s -> Arrays.stream(s.split(" "))).filter(s -> !s.isBlank()).toList();
        Map<String, Object> body = tokenResponse(user, split, true);
        if (user != null && "true".equals(first(query, "offline_token"))) body.put("refresh_token", newRefreshToken(user));
        respond(exchange, 200, body);
    }

    private void handlePost(HttpExchange exchange) throws IOException {
        Map<String, List<String>> form = parseForm(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        boolean hadAuthorization = exchange.getRequestHeaders().containsKey("Authorization");
        String grantType = first(form, "grant_type");
        String scopeParam = first(form, "scope");
        List<String> scopes = scopeParam == null ? List.of()
                : Arrays.stream(scopeParam.split(" ")).filter(s -> !s.isBlank()).toList();
        String user = switch (grantType == null ? "" : grantType) {
            case "password" -> first(form, "username");
            case "refresh_token" -> refreshTokens.get(Objects.requireNonNullElse(first(form, "refresh_token"), ""));
            default -> null;
        };
        requests.add(new TokenRequest("POST", hadAuthorization, user, scopes, grantType));
        if (!"password".equals(grantType) && !"refresh_token".equals(grantType)) {
            respond(exchange, 400, oauthError("unsupported_grant_type", "grant_type must be password or refresh_token"));
            return;
        }
        if (!SERVICE.equals(first(form, "service")) || first(form, "client_id") == null) {
            respond(exchange, 400, oauthError("invalid_request", "service must be " + SERVICE + " and client_id is required"));
            return;
        }
        boolean ok = "password".equals(grantType)
                ? user != null && Objects.equals(passwords.get(user), first(form, "password"))
                : user != null;
        if (!ok) {
            respond(exchange, 401, error("UNAUTHORIZED", "password".equals(grantType)
                    ? "invalid username or password" : "unknown refresh token"));
            return;
        }
        Map<String, Object> body = tokenResponse(user, scopes, false);
        if ("password".equals(grantType)) body.put("refresh_token", newRefreshToken(user));
        respond(exchange, 200, body);
    }

    private Map<String, Object> tokenResponse(String user, List<String> scopes, boolean get) {
        List<Map<String, Object>> access = access(scopes, user, false);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String token = sign(user == null ? "" : user, access);
        Map<String, Object> body = new LinkedHashMap<>();
        if (get) body.put("token", token);
        body.put("access_token", token);
        body.put("expires_in", lifetime.toSeconds());
        body.put("issued_at", now.toString());
        if (!get) body.put("scope", String.join(" ", scopes));
        return body;
    }

    private String newRefreshToken(String user) {
        String token = "refresh-" + UUID.randomUUID();
        refreshTokens.put(token, user);
        return token;
    }

    /**
     * The JWT "access" claim: each requested scope "type:name:actions" (name may contain ':' e.g. host:port,
     * so type is before the first ':' and actions after the last) intersected with the grants, merged per
     * resource; resources left with no action are omitted. {@code all} grants everything requested.
     */
    private List<Map<String, Object>> access(List<String> scopes, String user, boolean all) {
        Map<String, Set<String>> granted = new LinkedHashMap<>();
        for (String scope : scopes) {
            int first = scope.indexOf(':');
            int last = scope.lastIndexOf(':');
            if (first < 0 || last == first) continue;
            String type = scope.substring(0, first);
            String name = scope.substring(first + 1, last);
            Set<String> allowed = all ? Set.of() : allowed(type, name, user);
            for (String action : scope.substring(last + 1).split(",")) {
                // A "*" grant on a repository means every action; for the catalog "*" is the action itself.
                boolean ok = all || allowed.contains(action) || "repository".equals(type) && allowed.contains("*");
                if (action.isEmpty() || !ok) continue;
                granted.computeIfAbsent(type + "\n" + name, k -> new LinkedHashSet<>()).add(action);
            }
        }
        List<Map<String, Object>> access = new ArrayList<>();
        granted.forEach((key, actions) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("type", key.substring(0, key.indexOf('\n')));
            entry.put("name", key.substring(key.indexOf('\n') + 1));
            entry.put("actions", List.copyOf(actions));
            access.add(entry);
        });
        return access;
    }

    private Set<String> allowed(String type, String name, String user) {
        Set<String> allowed = new LinkedHashSet<>();
        if ("repository".equals(type)) {
            for (Grant g : grants) {
                if ((g.user() == null || g.user().equals(user)) && g.repository().matcher(name).matches()) {
                    allowed.addAll(g.actions());
                }
            }
        } else if ("registry".equals(type) && "catalog".equals(name)
                && (catalogUsers.contains("") || user != null && catalogUsers.contains(user))) {
            allowed.add("*"); // only the literal action "*" exists for the catalog
        }
        return allowed;
    }

    private String sign(String subject, List<Map<String, Object>> access) {
        try {
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("typ", "JWT");
            header.put("alg", "RS256");
            // x5c holds standard (not URL-safe) base64 DER, per RFC 7515.
            header.put("x5c", List.of(Base64.getEncoder().encodeToString(signer.certificate().getEncoded())));
            long now = Instant.now().getEpochSecond();
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("iss", ISSUER);
            claims.put("sub", subject);
            claims.put("aud", SERVICE); // a string: Distribution 2.8 rejects an array here
            claims.put("exp", now + lifetime.toSeconds());
            claims.put("nbf", now - 1);
            claims.put("iat", now);
            claims.put("jti", UUID.randomUUID().toString());
            claims.put("access", access);
            Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
            String signingInput = url.encodeToString(JSON.writeValueAsBytes(header)) + "."
                    + url.encodeToString(JSON.writeValueAsBytes(claims));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(signer.privateKey());
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + url.encodeToString(rsa.sign());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode decodePart(String jwt, int part) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[part]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, List<String>> parseForm(String raw) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) return form;
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return form;
    }

    private static String first(Map<String, List<String>> form, String key) {
        List<String> values = form.get(key);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static Map<String, Object> error(String code, String message) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("code", code);
        e.put("message", message);
        return Map.of("errors", List.of(e));
    }

    private static Map<String, Object> oauthError(String error, String description) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("error", error);
        e.put("error_description", description);
        return e;
    }

    private static void respond(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
