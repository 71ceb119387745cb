package dev.berth.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testing.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two Berth instances changing connections.json at once: every change is kept, the file always parses. */
class ConnectionStoreConcurrencyTest {

    private static final int EACH = 40;

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("berth").resolve("connections.json");
    }

    private ConnectionStore loaded() throws Exception {
        ConnectionStore store = new ConnectionStore(file(), new MemorySecretStore("test"), Clock.systemUTC());
        store.load();
        return store;
    }

    @Test
    void twoStoresOnOneFileLoseNoUpdate() throws Exception {
        ConnectionStore app = loaded();
        ConnectionStore cli = loaded();
        CyclicBarrier start = new CyclicBarrier(2);
        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> addMany(app, "app", start));
        CompletableFuture<Void> b = CompletableFuture.runAsync(() -> addMany(cli, "cli", start));
        a.join();
        b.join();

        assertEquals(expected("app", "cli"), names(loaded()));
        app.add(Connection.create("https://last.example/").withName("last"));
        Set<String> all = expected("app", "cli");
        all.add("last");
        assertEquals(all, names(app), "a store's next change starts from everything the other saved");
    }

    @Test
    void anUpdateAppliesToWhatAnotherInstanceSavedMeanwhile() throws Exception {
        ConnectionStore app = loaded();
        Connection mine = app.add(Connection.create("https://mine.example/").withName("mine"));
        ConnectionStore cli = loaded();
        cli.add(Connection.create("https://theirs.example/").withName("theirs"));

        app.update(mine.withName("mine, renamed"));
        assertEquals(Set.of("mine, renamed", "theirs"), names(loaded()));
    }

    @Test
    void twoProcessesOnOneFileLoseNoUpdate() throws Exception {
        Files.createDirectories(file().getParent());
        List<CompletableFuture<ChildJvm.Result>> runs = new ArrayList<>();
        for (String prefix : List.of("one", "two")) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return ChildJvm.isolatedIn(dir.resolve("home")).run(ConnectionStoreWriter.class, file().toString(), prefix,
                            String.valueOf(EACH));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (CompletableFuture<ChildJvm.Result> run : runs) assertEquals(0, run.join().code(), run.join().err());
        assertEquals(expected("one", "two"), names(loaded()));
        assertTrue(Files.exists(file().resolveSibling("connections.json.lock")));
    }

    private static void addMany(ConnectionStore store, String prefix, CyclicBarrier start) {
        try {
            start.await();
            for (int i = 0; i < EACH; i++) store.add(Connection.create("https://" + prefix + i + ".example/").withName(prefix + "-" + i));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> expected(String... prefixes) {
        Set<String> names = new TreeSet<>();
        for (String p : prefixes) IntStream.range(0, EACH).forEach(i -> names.add(p + "-" + i));
        return names;
    }

    private static Set<String> names(ConnectionStore store) {
        return store.connections().stream().map(Connection::name).collect(Collectors.toCollection(TreeSet::new));
    }
}
