package dev.berth.registry.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads Docker's {@code certs.d} convention for one registry: in {@code <root>/<host:port>/}, every
 * {@code *.crt} is a CA and every {@code <name>.cert} + {@code <name>.key} is a client certificate.
 */
final class CertsDirectory {

    /** What the {@code certs.d} roots hold for one registry. */
    record Material(List<Path> caFiles, List<ClientCertificate.PemFiles> clientCertificates) {
        Material {
            caFiles = List.copyOf(caFiles);
            clientCertificates = List.copyOf(clientCertificates);
        }
    }

    static Material find(List<Path> roots, HostPort registry) throws TlsConfigurationException {
        List<Path> caFiles = new ArrayList<>();
        List<ClientCertificate.PemFiles> clients = new ArrayList<>();
        for (Path root : roots) {
            for (String name : registry.certsDirectoryNames()) {
                Path directory = root.resolve(name);
                if (Files.isDirectory(directory)) read(directory, caFiles, clients);
            }
        }
        return new Material(caFiles, clients);
    }

    private static void read(Path directory, List<Path> caFiles, List<ClientCertificate.PemFiles> clients)
            throws TlsConfigurationException {
        Set<String> names;
        try (Stream<Path> entries = Files.list(directory)) {
            names = entries.map(path -> path.getFileName().toString()).collect(Collectors.toCollection(java.util.TreeSet::new));
        } catch (IOException e) {
            throw new TlsConfigurationException(directory, "cannot list the certs.d directory (" + e.getMessage() + ")", e);
        }
        for (String name : names) {
            if (name.endsWith(".crt")) {
                caFiles.add(directory.resolve(name));
            } else if (name.endsWith(".cert")) {
                String key = name.substring(0, name.length() - ".cert".length()) + ".key";
                // Docker refuses the directory in this case too; a half pair is always a mistake.
                if (!names.contains(key)) {
                    throw new TlsConfigurationException(directory.resolve(name), "client certificate without its key "
                            + key + " (CA certificates must use the extension .crt)");
                }
                clients.add(new ClientCertificate.PemFiles(directory.resolve(name), directory.resolve(key)));
            } else if (name.endsWith(".key")) {
                String certificate = name.substring(0, name.length() - ".key".length()) + ".cert";
                if (!names.contains(certificate)) {
                    throw new TlsConfigurationException(directory.resolve(name),
                            "private key without its client certificate " + certificate);
                }
            }
        }
    }

    private CertsDirectory() {}
}
