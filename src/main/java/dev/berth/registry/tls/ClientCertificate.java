package dev.berth.registry.tls;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * The certificate a connection presents for mutual TLS, and where it comes from: a PEM certificate
 * with its PEM private key, or a password-protected PKCS#12 file.
 */
public sealed interface ClientCertificate {

    /**
     * A PEM certificate (optionally followed by its intermediates) and its unencrypted PEM private key
     * (PKCS#8, PKCS#1 RSA or SEC1 EC). The two may be the same file.
     */
    record PemFiles(Path certificateFile, Path privateKeyFile) implements ClientCertificate {
        public PemFiles {
            Objects.requireNonNull(certificateFile, "certificateFile");
            Objects.requireNonNull(privateKeyFile, "privateKeyFile");
        }
    }

    /**
     * A PKCS#12 file ({@code .p12}/{@code .pfx}) and its password. The password is copied in and out,
     * so a caller may clear its own array, and it never appears in {@link #toString()}.
     */
    record Pkcs12File(Path file, char[] password) implements ClientCertificate {
        public Pkcs12File {
            Objects.requireNonNull(file, "file");
            password = Objects.requireNonNull(password, "password").clone();
        }

        @Override
        public char[] password() {
            return password.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Pkcs12File that && file.equals(that.file) && Arrays.equals(password, that.password);
        }

        @Override
        public int hashCode() {
            return file.hashCode();
        }

        @Override
        public String toString() {
            return "Pkcs12File[file=" + file + ", password=****]";
        }
    }

    static ClientCertificate pem(Path certificateFile, Path privateKeyFile) {
        return new PemFiles(certificateFile, privateKeyFile);
    }

    static ClientCertificate pkcs12(Path file, char[] password) {
        return new Pkcs12File(file, password);
    }
}
