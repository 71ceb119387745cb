package dev.berth.registry.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

/**
 * Loads client certificates with their private keys and turns them into the key managers an
 * {@code SSLContext} presents when a registry asks for a client certificate.
 */
final class ClientKeys {

    /** The in-memory store only lives inside this process, so its password protects nothing. */
    private static final char[] STORE_PASSWORD = "in-memory".toCharArray();

    /** Key managers presenting every given certificate; the JDK picks the one the server's CA list accepts. */
    static KeyManager[] keyManagers(List<? extends ClientCertificate> certificates) throws TlsConfigurationException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int index = 0;
            for (ClientCertificate certificate : certificates) {
                switch (certificate) {
                    case ClientCertificate.PemFiles pem -> addPem(store, "client-" + index++, pem);
                    case ClientCertificate.Pkcs12File p12 -> index = addPkcs12(store, index, p12);
                }
            }
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, STORE_PASSWORD);
            return factory.getKeyManagers();
        } catch (GeneralSecurityException | IOException e) {
            if (e instanceof TlsConfigurationException tls) throw tls;
            throw new IllegalStateException("the JDK could not build an in-memory key store", e);
        }
    }

    private static void addPem(KeyStore store, String alias, ClientCertificate.PemFiles pem)
            throws TlsConfigurationException, GeneralSecurityException {
        List<X509Certificate> chain = PemFiles.certificates(pem.certificateFile());
        PrivateKey key = PemFiles.privateKey(pem.privateKeyFile());
        if (!matches(key, chain.get(0))) {
            throw new TlsConfigurationException(pem.privateKeyFile(), "this private key does not belong to the "
                    + "certificate in " + pem.certificateFile() + " (the first certificate there must be the client's own)");
        }
        store.setKeyEntry(alias, key, STORE_PASSWORD, chain.toArray(new X509Certificate[0]));
    }

    private static int addPkcs12(KeyStore store, int index, ClientCertificate.Pkcs12File p12)
            throws TlsConfigurationException, GeneralSecurityException {
        Path file = p12.file();
        char[] password = p12.password();
        try {
            KeyStore source = KeyStore.getInstance("PKCS12");
            try {
                source.load(new ByteArrayInputStream(PemFiles.read(file)), password);
            } catch (IOException e) {
                if (e instanceof TlsConfigurationException tls) throw tls;
                if (e.getCause() instanceof UnrecoverableKeyException) {
                    throw new TlsConfigurationException(file, "wrong password for this PKCS#12 file", e);
                }
                throw new TlsConfigurationException(file, "not a readable PKCS#12 file (" + e.getMessage() + ")", e);
            }
            int added = 0;
            for (String alias : Collections.list(source.aliases())) {
                if (!source.isKeyEntry(alias)) continue;
                Certificate[] chain = source.getCertificateChain(alias);
                if (chain == null || chain.length == 0) continue;
                Key key;
                try {
                    key = source.getKey(alias, password);
                } catch (UnrecoverableKeyException e) {
                    throw new TlsConfigurationException(file, "the private key '" + alias + "' has a different password "
                            + "than the file; re-export it with one password: openssl pkcs12 -export", e);
                }
                store.setKeyEntry("client-" + index++, key, STORE_PASSWORD, chain);
                added++;
            }
            if (added == 0) {
                throw new TlsConfigurationException(file, "holds no private key with its certificate");
            }
            return index;
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }

    /**
     * Whether {@code key} is the private half of the certificate's public key. Checked up front
     * because a mismatch otherwise surfaces as an obscure handshake failure on the server side.
     */
    static boolean matches(PrivateKey key, X509Certificate certificate) {
        if (key instanceof RSAKey rsa) {
            return certificate.getPublicKey() instanceof RSAKey publicRsa && rsa.getModulus().equals(publicRsa.getModulus());
        }
        Optional<String> algorithm = switch (key.getAlgorithm().toUpperCase(Locale.ROOT)) {
            case "EC" -> Optional.of("SHA256withECDSA");
            case "ED25519", "ED448", "EDDSA" -> Optional.of(key.getAlgorithm());
            case "DSA" -> Optional.of("SHA256withDSA");
            default -> Optional.empty();
        };
        if (algorithm.isEmpty()) return true; // cannot tell; let the handshake decide
        try {
            byte[] probe = "berth key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm.get());
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm.get());
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private ClientKeys() {}
}
