package dev.berth.connection.docker;

import java.util.List;
import java.util.Map;

/**
 * Wording for helper failures: install hints, and turning a failed helper's output into something
 * safe to show. Helpers print their error text on stdout (docker-credential-helpers does), so on
 * a non-zero exit that is the only diagnostic there is; it is used only after checks that it is
 * not a JSON answer and does not echo anything secret.
 */
final class HelperErrors {

    /** What every docker-credential-helpers store prints when it has no entry for the URL. */
    static final String NOT_FOUND = "credentials not found in native keychain";

    /** docker-credential-pass 0.6.4 reports erasing an absent entry with pass's own wording instead. */
    private static final String PASS_NOT_FOUND = "is not in the password store";

    static final int MAX_DETAIL = 300;

    private static final String DEBIAN_HELPERS =
            "on Debian/Ubuntu install the package golang-docker-credential-helpers"
                    + " (it provides docker-credential-pass and docker-credential-secretservice)";

    private static final Map<String, String> INSTALL_HINTS = Map.of(
            "pass", DEBIAN_HELPERS + "; it also needs the packages pass and gnupg",
            "secretservice", DEBIAN_HELPERS,
            "desktop", "it comes with Docker Desktop; without Docker Desktop remove \"credsStore\": \"desktop\""
                    + " from config.json or install another helper",
            "osxkeychain", "install it from the docker/docker-credential-helpers releases",
            "wincred", "install it from the docker/docker-credential-helpers releases",
            "ecr-login", "install amazon-ecr-credential-helper (Debian/Ubuntu package of that name)",
            "gcloud", "it comes with the Google Cloud CLI (gcloud)");

    private HelperErrors() {}

    static String notInstalled(String program, String suffix) {
        return "Docker credential helper " + program + " is not installed (not found on PATH); "
                + INSTALL_HINTS.getOrDefault(suffix, "install " + program + " and make sure it is on PATH");
    }

    static boolean isNotFound(String output) {
        return output.contains(NOT_FOUND) || output.contains(PASS_NOT_FOUND);
    }

    /**
     * A one-line, bounded description of a failed helper's output, or a placeholder when it must
     * not be shown: JSON (possibly an answer carrying a secret) or text echoing a secret we sent.
     */
    static String detail(String stdout, String stderr, List<String> secrets) {
        String text = String.join("; ", List.of(stdout.strip(), stderr.strip()).stream()
                .filter(s -> !s.isEmpty())
                .toList());
        if (text.isEmpty()) return "no error message";
        if (text.startsWith("{") || text.startsWith("[")) return "error output withheld (it looks like JSON)";
        for (String secret : secrets) {
            if (!secret.isEmpty() && text.contains(secret)) return "error output withheld (it echoes the secret)";
        }
        String oneLine = text.replaceAll("\\p{Cntrl}+", " ").replaceAll(" {2,}", " ");
        return oneLine.length() > MAX_DETAIL ? oneLine.substring(0, MAX_DETAIL) + "…" : oneLine;
    }
}
