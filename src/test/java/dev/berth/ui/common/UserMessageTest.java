package dev.berth.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every failure that can reach a person (from the services the ViewModels call) gets a title of
 * its own and words that say what to do; none reads "Something went wrong".
 */
class UserMessageTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new dev.berth.registry.tls.TlsConfigurationException(Path.of("/etc/ca.pem"), "not a PEM certificate"),
                        "Certificate file problem", "settings"),
                Arguments.of(new dev.berth.registry.tls.TransportSecurityException("plain HTTP to a remote host is not allowed"),
                        "Connection not secure", "plain HTTP"),
                Arguments.of(new dev.berth.connection.CredentialsUnavailableException(
                        dev.berth.connection.CredentialsUnavailableException.Reason.NO_PASSWORD_SAVED, "No password is saved.", null),
                        "Password needed", "settings"),
                Arguments.of(new dev.berth.connection.SecretStoreException("the keyring refused", null), "Keyring problem", "unlocked"),
                Arguments.of(new dev.berth.connection.docker.DockerConfigException(Path.of("/users/a/.docker/config.json"), "not JSON"),
                        "Docker's settings cannot be read", "config.json"),
                Arguments.of(new dev.berth.format.MalformedContentException("the manifest is not JSON"), "Unexpected content", "JSON"),
                Arguments.of(new java.net.UnknownHostException("registry.example"), "Cannot reach the registry", "Check the address"),
                Arguments.of(new java.net.ConnectException("Connection refused"), "Cannot reach the registry", "running"),
                Arguments.of(new java.net.SocketTimeoutException("timeout"), "Cannot reach the registry", "Try again"),
                Arguments.of(new java.nio.file.NoSuchFileException("/tmp/policy.json"), "No such file", "Choose another"),
                Arguments.of(new java.nio.file.AccessDeniedException("/etc/berth"), "Permission denied", "permissions"),
                Arguments.of(new java.nio.file.FileSystemException("/data", null, "No space left on device"), "Disk full", "Free some space"),
                Arguments.of(new java.nio.file.FileSystemException("/data", null, "Read-only file system"), "File problem",
                        "Read-only"),
                Arguments.of(new IOException("No space left on device"), "Disk full", "Free some space"),
                Arguments.of(new java.nio.file.FileAlreadyExistsException("/tmp/app.tar"), "Already exists", "Choose another name"),
                Arguments.of(new java.nio.file.DirectoryNotEmptyException("/tmp/layout"), "Folder not empty", "empty or a new folder"),
                Arguments.of(new java.nio.file.NotDirectoryException("/tmp/app.tar"), "Not a folder", "Choose a folder"),
                Arguments.of(new dev.berth.connection.docker.CredentialHelperException("secretservice",
                        dev.berth.connection.docker.CredentialHelperException.Reason.NOT_INSTALLED,
                        "docker-credential-secretservice is not installed"), "Credential helper failed", "installed and signed in"),
                Arguments.of(made(dev.berth.engine.EngineException.NoEngine.class, "No Docker or Podman answered at /run/docker.sock. "
                        + "Start Docker or Podman, or set DOCKER_HOST."), "No Docker or Podman", "Start Docker"),
                Arguments.of(made(dev.berth.engine.EngineException.NoSuchImage.class, "The engine has no image app:1.0."),
                        "Docker or Podman refused", "no image"),
                Arguments.of(made(dev.berth.store.StoreException.NotFound.class, "The layout has no tag 1.0."), "Not found", "no tag"),
                Arguments.of(made(dev.berth.store.StoreException.Corrupt.class, "blob sha256:ab does not match its digest."),
                        "Damaged image files", "digest"),
                Arguments.of(made(dev.berth.transfer.CopyException.class, "The destination refused the manifest; check your rights there."),
                        "Copy failed", "check your rights"),
                Arguments.of(new IOException("stream closed"), "Could not read or write", "Try again"),
                Arguments.of(new IOException(), "Could not read or write", "Try again"),
                Arguments.of(new java.io.UncheckedIOException(new java.nio.file.NoSuchFileException("/x")), "No such file", "/x"),
                Arguments.of(new java.util.concurrent.CompletionException(new java.net.ConnectException("refused")), "Cannot reach the registry",
                        "running"),
                Arguments.of(new java.util.concurrent.CancellationException(), "Cancelled", "nothing more"),
                Arguments.of(new IllegalArgumentException("'Team' is not a repository name"), "Not valid", "repository name"),
                Arguments.of(new IllegalStateException("the store has not been loaded"), "Not possible right now", "try again"),
                Arguments.of(new IllegalStateException(), "Not possible right now", "try again"),
                Arguments.of(new OutOfMemoryError("Java heap space"), "Out of memory", "-Xmx"),
                Arguments.of(new NullPointerException(), "Berth failed unexpectedly", "report"));
    }

    /** The core's own exceptions are made by the core only; the test makes one with the words the core would use. */
    private static Throwable made(Class<? extends Throwable> type, String message) {
        try {
            var constructor = type.getDeclaredConstructor(String.class);
            constructor.setAccessible(true);
            return constructor.newInstance(message);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot make a " + type.getSimpleName(), e);
        }
    }

    @ParameterizedTest
    @MethodSource("failures")
    void everyFailureGetsItsOwnWordsAndWhatToDo(Throwable failure, String title, String words) {
        UserMessage message = UserMessage.of(failure);
        assertEquals(title, message.title(), message.toString());
        assertTrue(message.text().contains(words), message.text());
        assertFalse(message.text().isBlank());
        assertFalse(message.title().contains("Something went wrong"));
    }
}
