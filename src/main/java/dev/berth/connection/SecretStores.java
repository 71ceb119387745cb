package dev.berth.connection;

import dev.berth.platform.UserHome;
import dev.berth.connection.docker.CredentialHelper;
import dev.berth.connection.docker.CredentialHelperException;
import dev.berth.connection.docker.DockerConfig;
import dev.berth.connection.docker.DockerConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses where connection secrets are kept: the first Docker credential helper that works, else
 * memory, with the reasons each helper was passed over. Runs helper processes: call it off the FX
 * thread, once at start-up.
 */
public final class SecretStores {

    /**
     * Helpers that store whatever they are given. Others (ecr-login, gcloud, …) only hand out their
     * own cloud's tokens, so they cannot keep Berth's passwords.
     */
    static final Set<String> GENERAL_PURPOSE = Set.of("pass", "secretservice", "osxkeychain", "wincred", "desktop");

    /** How long the trial {@code list} may take; a helper that is slower than this is no pleasure to use. */
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(5);

    private SecretStores() {}

    /** The secret store for this machine and user. */
    public static SecretStore detect() {
        return detect(System.getProperty("os.name", ""), System.getenv(), UserHome.current());
    }

    /**
     * The secret store for {@code env} and {@code home} rather than this JVM's (the command line is
     * given both, and tests give their own): Docker's config is found through them, and the helpers
     * are searched on, and run with, {@code env}'s PATH and variables.
     */
    public static SecretStore detect(String osName, Map<String, String> env, Path home) {
        Optional<String> dockerStore;
        try {
            dockerStore = DockerConfig.load(DockerConfig.locate(env, home)).credsStore();
        } catch (DockerConfigException e) {
            dockerStore = Optional.empty(); // only a hint; the OS defaults still apply
        }
        List<CredentialHelper> helpers = candidates(osName, dockerStore).stream()
                .map(suffix -> CredentialHelper.named(suffix).withEnvironment(env))
                .toList();
        return detect(helpers, env, home);
    }

    /**
     * The helper suffixes worth trying, best first: the one Docker is set up to use (if it can store
     * anything), then the OS's usual ones.
     */
    public static List<String> candidates(String osName, Optional<String> dockerCredsStore) {
        LinkedHashSet<String> suffixes = new LinkedHashSet<>();
        dockerCredsStore.filter(GENERAL_PURPOSE::contains).ifPresent(suffixes::add);
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            suffixes.add("wincred");
        } else if (os.startsWith("mac") || os.startsWith("darwin")) {
            suffixes.add("osxkeychain");
        } else {
            suffixes.add("secretservice");
            suffixes.add("pass");
        }
        return List.copyOf(suffixes);
    }

    /**
     * The first of {@code helpers} that answers a harmless {@code list}, else memory.
     *
     * @param env  the environment the helpers run in (for pass: where its store is)
     * @param home the user's home directory (for pass's default store)
     */
    public static SecretStore detect(List<CredentialHelper> helpers, Map<String, String> env, Path home) {
        List<String> problems = new ArrayList<>();
        for (CredentialHelper helper : helpers) {
            Optional<String> problem = problem(helper, env, home);
            if (problem.isEmpty()) return new CredentialHelperSecretStore(helper);
            problems.add(problem.get());
        }
        String reason = problems.isEmpty()
                ? "no credential helper is configured."
                : "no credential helper works here (" + String.join("; ", problems) + ").";
        return new MemorySecretStore(reason + " Set up one of docker-credential-secretservice, -pass, -osxkeychain or"
                + " -wincred to have Berth remember passwords.");
    }

    /**
     * What a person reads when a password is about to be kept only in memory: what will happen, in
     * plain words, and what to install on {@code osName} to have passwords remembered.
     */
    public static String passwordsForgottenNote(String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        String install;
        if (os.startsWith("windows")) {
            install = "install docker-credential-wincred (part of Docker's credential helpers) and restart Berth.";
        } else if (os.startsWith("mac") || os.startsWith("darwin")) {
            install = "install docker-credential-osxkeychain (brew install docker-credential-helper) and restart Berth.";
        } else {
            install = "install docker-credential-secretservice (Debian and Ubuntu: sudo apt install golang-docker-credential-helpers)"
                    + " and restart Berth; docker-credential-pass with a pass store set up works too.";
        }
        return "Berth will remember this password only until Berth quits: it found no keyring on this computer to keep it in. "
                + "To have passwords remembered, " + install;
    }

    /** Why {@code helper} cannot keep Berth's secrets, or empty when it can. */
    private static Optional<String> problem(CredentialHelper helper, Map<String, String> env, Path home) {
        try {
            helper.withTimeout(CHECK_TIMEOUT).list();
        } catch (CredentialHelperException e) {
            return Optional.of(e.getMessage());
        }
        if (helper.suffix().equals("pass")) return passProblem(helper, env, home);
        return Optional.empty();
    }

    /**
     * docker-credential-pass answers {@code list} with {} even when pass was never set up, and only
     * {@code store} then fails; pass itself decides "set up" by the store's {@code .gpg-id}.
     */
    private static Optional<String> passProblem(CredentialHelper helper, Map<String, String> env, Path home) {
        String dir = env.getOrDefault("PASSWORD_STORE_DIR", "");
        Path store = dir.isBlank() ? home.resolve(".password-store") : Path.of(dir);
        if (Files.isRegularFile(store.resolve(".gpg-id"))) return Optional.empty();
        return Optional.of(helper.program() + " is installed but the pass password store " + store
                + " is not set up (run: pass init <your GPG key id>)");
    }
}
