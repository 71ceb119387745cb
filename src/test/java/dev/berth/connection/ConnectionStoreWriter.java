package dev.berth.connection;

import java.nio.file.Path;
import java.time.Clock;

/** A second Berth for {@link ConnectionStoreConcurrencyTest}: adds {@code count} connections named {@code prefix-N} to a file. */
public final class ConnectionStoreWriter {

    private ConnectionStoreWriter() {}

    public static void main(String[] args) throws Exception {
        ConnectionStore store = new ConnectionStore(Path.of(args[0]), new MemorySecretStore("test"), Clock.systemUTC());
        store.load();
        int count = Integer.parseInt(args[2]);
        for (int i = 0; i < count; i++) store.add(Connection.create("https://" + args[1] + i + ".example/").withName(args[1] + "-" + i));
        System.exit(0);
    }
}
