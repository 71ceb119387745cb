package dev.berth.ui.common;

import dev.berth.registry.RegistryException;
import java.util.Objects;

/**
 * An error as a person reads it: a short title, what happened and what to do, and the technical
 * detail kept for the "details" expander.
 */
public record UserMessage(String title, String text, String detail, Kind kind) {

    public enum Kind { AUTH, PERMISSION, NOT_FOUND, UNSUPPORTED, RATE_LIMITED, NETWORK, PROTOCOL, REFUSED, OTHER }

    public UserMessage {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(kind, "kind");
    }

    /** True when fixing the connection's credentials could help. */
    public boolean offersCredentialFix() {
        return kind == Kind.AUTH;
    }

    /**
     * The words for every failure a person can meet: registry answers, TLS and credential problems,
     * files that cannot be read or written, input that is not valid, and — for what slips through —
     * a sentence that still says what to do.
     */
    public static UserMessage of(Throwable error) {
        Throwable unwrapped = unwrap(error);
        String text = unwrapped.getMessage() == null || unwrapped.getMessage().isBlank() ? "" : unwrapped.getMessage();
        String detail = unwrapped.getClass().getSimpleName() + (unwrapped.getCause() != null ? " ← " + unwrapped.getCause() : "");
        return switch (unwrapped) {
            case RegistryException.Unauthorized e -> new UserMessage("Sign-in needed", text, detail, Kind.AUTH);
            case RegistryException.Forbidden e -> new UserMessage("Not allowed", text, detail, Kind.PERMISSION);
            case RegistryException.NotFound e -> new UserMessage("Not found", text, detail, Kind.NOT_FOUND);
            case RegistryException.Unsupported e -> new UserMessage("Not supported by this registry", text, detail, Kind.UNSUPPORTED);
            case RegistryException.RateLimited e -> new UserMessage("Rate limited", text, detail, Kind.RATE_LIMITED);
            case RegistryException.TransportFailure e -> new UserMessage("Cannot reach the registry", text, detail, Kind.NETWORK);
            case RegistryException.ProtocolViolation e -> new UserMessage("Unexpected answer", text, detail, Kind.PROTOCOL);
            case RegistryException.Refused e -> new UserMessage("Refused for your safety", text, detail, Kind.REFUSED);
            case dev.berth.registry.tls.TlsConfigurationException e -> new UserMessage("Certificate file problem",
                    text + " Fix the file or choose another in the connection's settings.", detail, Kind.NETWORK);
            case dev.berth.registry.tls.TransportSecurityException e -> new UserMessage("Connection not secure", text, detail, Kind.NETWORK);
            case dev.berth.connection.CredentialsUnavailableException e -> new UserMessage("Password needed",
                    text + " Enter it in the connection's settings.", detail, Kind.AUTH);
            case dev.berth.connection.SecretStoreException e -> new UserMessage("Keyring problem",
                    text + " Check that your keyring is unlocked, then try again.", detail, Kind.OTHER);
            case dev.berth.connection.docker.DockerConfigException e -> new UserMessage("Docker's settings cannot be read",
                    text + " Fix or move Docker's config.json, then try again.", detail, Kind.OTHER);
            case dev.berth.cleanup.JournalException e -> new UserMessage("Cleanup record problem", text, detail, Kind.OTHER);
            case dev.berth.connection.docker.CredentialHelperException e -> new UserMessage("Credential helper failed",
                    sentence(text) + " Check that the helper Docker's config.json names is installed and signed in, then try again.",
                    detail, Kind.OTHER);
            case dev.berth.engine.EngineException.NoEngine e -> new UserMessage("No Docker or Podman", text, detail, Kind.NETWORK);
            case dev.berth.engine.EngineException e -> new UserMessage("Docker or Podman refused", text, detail, Kind.OTHER);
            case dev.berth.store.StoreException.NotFound e -> new UserMessage("Not found", text, detail, Kind.NOT_FOUND);
            case dev.berth.store.StoreException.Corrupt e -> new UserMessage("Damaged image files", text, detail, Kind.PROTOCOL);
            case dev.berth.store.StoreException e -> new UserMessage("Cannot use these image files", text, detail, Kind.OTHER);
            case dev.berth.transfer.CopyException e -> new UserMessage("Copy failed", text, detail, Kind.OTHER);
            case dev.berth.format.MalformedContentException e -> new UserMessage("Unexpected content", text, detail, Kind.PROTOCOL);
            case java.net.UnknownHostException e -> new UserMessage("Cannot reach the registry", "No such host: " + text
                    + ". Check the address and your network.", detail, Kind.NETWORK);
            case java.net.ConnectException e -> new UserMessage("Cannot reach the registry", "Nothing answered (" + text
                    + "). Check that the registry is running and the address is right.", detail, Kind.NETWORK);
            case java.net.SocketTimeoutException e -> new UserMessage("Cannot reach the registry", "The registry did not answer in time."
                    + " Try again; if it keeps happening, check your network.", detail, Kind.NETWORK);
            case java.nio.file.NoSuchFileException e -> new UserMessage("No such file", "There is no file " + e.getFile()
                    + ". Choose another file.", detail, Kind.NOT_FOUND);
            case java.nio.file.AccessDeniedException e -> new UserMessage("Permission denied", "Berth may not read or write " + e.getFile()
                    + ". Check its permissions or choose another place.", detail, Kind.PERMISSION);
            case java.nio.file.FileAlreadyExistsException e -> new UserMessage("Already exists", "There is already " + e.getFile()
                    + ". Choose another name, or move it away first.", detail, Kind.OTHER);
            case java.nio.file.DirectoryNotEmptyException e -> new UserMessage("Folder not empty", "The folder " + e.getFile()
                    + " is not empty. Choose an empty or a new folder.", detail, Kind.OTHER);
            case java.nio.file.NotDirectoryException e -> new UserMessage("Not a folder", e.getFile() + " is a file, not a folder. "
                    + "Choose a folder.", detail, Kind.OTHER);
            case java.nio.file.FileSystemException e when diskFull(e.getReason()) -> new UserMessage("Disk full", "There is no space "
                    + "left for " + e.getFile() + ". Free some space on that disk, then try again.", detail, Kind.OTHER);
            case java.nio.file.FileSystemException e -> new UserMessage("File problem", "Berth could not use " + e.getFile()
                    + (e.getReason() == null ? "" : " (" + e.getReason() + ")") + ". Check the disk and the file, then try again.",
                    detail, Kind.OTHER);
            case java.io.IOException e when diskFull(text) -> new UserMessage("Disk full", "There is no space left on the disk ("
                    + text + "). Free some space, then try again.", detail, Kind.OTHER);
            case java.io.IOException e -> new UserMessage("Could not read or write", (text.isEmpty() ? "A read or write failed." : sentence(text))
                    + " Try again; if it keeps failing, check the disk and the network.", detail, Kind.OTHER);
            case java.util.concurrent.CancellationException e -> new UserMessage("Cancelled", "Stopped before it finished; nothing more was done.",
                    detail, Kind.OTHER);
            case IllegalArgumentException e -> new UserMessage("Not valid", text.isEmpty() ? "Berth cannot use what was entered; check it."
                    : sentence(text), detail, Kind.OTHER);
            case IllegalStateException e -> new UserMessage("Not possible right now", (text.isEmpty() ? "" : sentence(text) + " ")
                    + "Wait for what is running to finish, or refresh, then try again.", detail, Kind.OTHER);
            case OutOfMemoryError e -> new UserMessage("Out of memory", "Berth ran out of memory. Close large repositories or start Berth "
                    + "with more memory (for example -Xmx2g).", detail, Kind.OTHER);
            default -> new UserMessage("Berth failed unexpectedly", "This is a bug in Berth (" + unwrapped.getClass().getSimpleName()
                    + (text.isEmpty() ? "" : ": " + text) + "). Try again; please report it with the details.", detail, Kind.OTHER);
        };
    }

    /** The failure itself, not the wrapper a thread pool or a stream put around it. */
    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof java.util.concurrent.CompletionException || current instanceof java.util.concurrent.ExecutionException
                || current instanceof java.io.UncheckedIOException) && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /** Linux says "No space left on device", Windows "There is not enough space on the disk". */
    private static boolean diskFull(String reason) {
        String lower = reason == null ? "" : reason.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("no space left") || lower.contains("not enough space") || lower.contains("disk quota exceeded");
    }

    private static String sentence(String text) {
        return text.endsWith(".") || text.endsWith("!") || text.endsWith("?") ? text : text + ".";
    }
}
