package dev.berth.platform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One Berth per user: the first to start holds a file lock in the user's runtime directory and listens on a
 * loopback port; a second start hands its arguments to the first through that port and exits, and the first
 * comes to the front. The port file also holds a random key the second must send, so another user of the
 * machine cannot hand Berth arguments (the file is readable by its owner only).
 */
public final class SingleInstance implements AutoCloseable {

    private static final String LOCK = "instance.lock";
    private static final String PORT = "instance.port";
    private static final int CONNECT_TIMEOUT_MILLIS = 2000;

    /** What {@link #claim} found: this process is the one instance, or it handed its arguments to it. */
    public sealed interface Claim permits First, HandedOver {}

    /** This process is the one Berth; close it when Berth ends. */
    public record First(SingleInstance instance) implements Claim {}

    /** Another Berth is running and has the arguments; this process should exit. */
    public record HandedOver() implements Claim {}

    private final FileChannel channel;
    private final FileLock lock;
    private final ServerSocket server;
    private final Path portFile;

    private SingleInstance(FileChannel channel, FileLock lock, ServerSocket server, Path portFile) {
        this.channel = channel;
        this.lock = lock;
        this.server = server;
        this.portFile = portFile;
    }

    /** The directory for the lock and port files of the user running this JVM. */
    public static Path runtimeDirectory(String osName, Map<String, String> env, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return UserHome.variable(env, "LOCALAPPDATA").orElse(home.resolve("AppData").resolve("Local")).resolve("Berth");
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) return home.resolve("Library").resolve("Application Support").resolve("Berth");
        // XDG_RUNTIME_DIR is per user, private and emptied at logout: exactly the life of a running Berth.
        return UserHome.xdg(env, "XDG_RUNTIME_DIR").map(dir -> dir.resolve("berth"))
                .orElse(UserHome.xdg(env, "XDG_STATE_HOME", home, ".local/state").resolve("berth"));
    }

    /**
     * Becomes the one instance, whose {@code handler} then receives the arguments of each later start (on a
     * background thread), or hands {@code args} to the instance already running. When the other instance does
     * not answer (it is stuck, or exiting), this one runs on its own rather than not at all.
     */
    public static Claim claim(Path directory, List<String> args, Consumer<List<String>> handler) throws IOException {
        PrivateDirectories.create(directory);
        Path portFile = directory.resolve(PORT);
        FileChannel channel = FileChannel.open(directory.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = tryLock(channel);
        if (lock == null) {
            channel.close();
            if (handOver(portFile, args)) return new HandedOver();
            return new First(new SingleInstance(null, null, null, portFile));
        }
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        String key = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        writePrivately(portFile, server.getLocalPort() + "\n" + key + "\n");
        SingleInstance instance = new SingleInstance(channel, lock, server, portFile);
        Thread.ofPlatform().daemon().name("single-instance").start(() -> instance.listen(key, handler));
        return new First(instance);
    }

    private void listen(String key, Consumer<List<String>> handler) {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(CONNECT_TIMEOUT_MILLIS);
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                if (!key.equals(in.readLine())) continue;
                List<String> args = new ArrayList<>();
                for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) args.add(line);
                new PrintWriter(new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8), true).println("ok");
                handler.accept(List.copyOf(args));
            } catch (IOException | RuntimeException e) {
                // One bad or slow caller must not stop the next one being heard.
            }
        }
    }

    private static boolean handOver(Path portFile, List<String> args) {
        Optional<List<String>> content = readPortFile(portFile);
        if (content.isEmpty() || content.get().size() < 2) return false;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(content.get().get(0))),
                    CONNECT_TIMEOUT_MILLIS);
            socket.setSoTimeout(CONNECT_TIMEOUT_MILLIS);
            PrintWriter out = new PrintWriter(new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8));
            out.println(content.get().get(1));
            // One argument a line, an empty line ends them: arguments with line breaks lose them, which no path or reference has.
            args.forEach(arg -> out.println(arg.replace('\n', ' ').replace('\r', ' ')));
            out.println();
            out.flush();
            return "ok".equals(new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine());
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this JVM already (tests start two "instances" in one)
        }
    }

    private static Optional<List<String>> readPortFile(Path portFile) {
        try {
            return Optional.of(Files.readAllLines(portFile, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }


    private static void writePrivately(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            if (server != null) server.close();
            if (lock != null) {
                Files.deleteIfExists(portFile);
                lock.release();
                channel.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
