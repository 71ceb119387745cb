package dev.berth.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** podman with its storage in a test directory (vfs driver, no daemon, nothing shared with the machine). */
public final class Podman {

    private final Path dir;

    public Podman(Path dir) {
        this.dir = dir;
    }

    public String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("podman", "--root", dir.resolve("storage").toString(),
                "--runroot", dir.resolve("run").toString(), "--tmpdir", dir.resolve("libpod").toString(),
                "--network-config-dir", dir.resolve("networks").toString(), "--storage-driver", "vfs",
                "--events-backend", "file", "--cgroup-manager", "cgroupfs"));
        command.addAll(List.of(args));
        return ExternalTool.run(dir, command.toArray(String[]::new));
    }
}
