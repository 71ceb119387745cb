package dev.berth.connection;

import java.nio.file.Path;
import java.time.Clock;

/**
 * Another Berth in a child JVM: adds {@code count} connections named {@code prefix-N} to a file (names
 * padded to {@code args[3]} characters if given). A failed save prints its message and exits 3.
 */
public final class ConnectionStoreWriter {

    private ConnectionStoreWriter() {}

    public static void main(String[] args) throws Exception {
        ConnectionStore store = new ConnectionStore(Path.of(args[0]), new MemorySecretStore("test"), Clock.systemUTC());
        store.load();
        int count = Integer.parseInt(args[2]);
        int pad = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        try {
            for (int i = 0; i < count; i++) {
                store.add(Connection.create("https://" + args[1] + i + ".example/").withName(args[1] + "-" + i + "x".repeat(pad)));
            }
        } catch (java.io.IOException e) {
            System.err.println(e.getMessage());
            System.exit(3);
        }
        System.exit(0);
    }
}
