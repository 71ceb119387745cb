package dev.berth.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SingleInstanceTest {

    @TempDir
    Path dir;

    @Test
    void aSecondStartHandsItsArgumentsToTheFirstAndAThirdAfterItEndsIsFirstAgain() throws Exception {
        LinkedBlockingQueue<List<String>> received = new LinkedBlockingQueue<>();
        SingleInstance.Claim first = SingleInstance.claim(dir, List.of(), received::add);
        SingleInstance instance = assertInstanceOf(SingleInstance.First.class, first).instance();

        SingleInstance.Claim second = SingleInstance.claim(dir, List.of("localhost:5000/team/app:v1", "/tmp/image tar.tar"), args -> {});
        assertInstanceOf(SingleInstance.HandedOver.class, second);
        assertEquals(List.of("localhost:5000/team/app:v1", "/tmp/image tar.tar"), received.poll(5, TimeUnit.SECONDS));

        instance.close();
        SingleInstance.Claim third = SingleInstance.claim(dir, List.of(), args -> {});
        assertInstanceOf(SingleInstance.First.class, third);
        ((SingleInstance.First) third).instance().close();
    }

    @Test
    void aCallerWithoutTheKeyIsNotHeard() throws Exception {
        LinkedBlockingQueue<List<String>> received = new LinkedBlockingQueue<>();
        SingleInstance instance = ((SingleInstance.First) SingleInstance.claim(dir, List.of(), received::add)).instance();
        try {
            int port = Integer.parseInt(Files.readAllLines(dir.resolve("instance.port")).get(0));
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                PrintWriter out = new PrintWriter(new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8), true);
                out.println("not-the-key");
                out.println("evil-argument");
                out.println();
            }
            assertNull(received.poll(1, TimeUnit.SECONDS));
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir.resolve("instance.port"))));
        } finally {
            instance.close();
        }
    }

    @Test
    void runtimeDirectoryIsXdgRuntimeDirOnLinux() {
        Path home = Path.of("/users/ann");
        assertEquals(Path.of("/run/user/1000/berth"), SingleInstance.runtimeDirectory("Linux", Map.of("XDG_RUNTIME_DIR", "/run/user/1000"), home));
        assertEquals(Path.of("/users/ann/.local/state/berth"), SingleInstance.runtimeDirectory("Linux", Map.of(), home));
        assertEquals(Path.of("/users/ann/Library/Application Support/Berth"), SingleInstance.runtimeDirectory("Mac OS X", Map.of(), home));
    }
}
