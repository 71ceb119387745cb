package dev.berth.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority for tests: issues server certificates for 127.0.0.1 and
 * localhost, client certificates for mTLS, and the token-signing certificate of the test token
 * issuer. Everything is generated in memory per test run; nothing is committed.
 */
public final class TestPki {

    /** A certificate with its private key and the chain up to (not including) the root. */
    public record Issued(X509Certificate certificate, PrivateKey privateKey) {

        public String certificatePem() {
            return pem(certificate);
        }

        public String privateKeyPem() {
            return pem(privateKey);
        }

        /** Writes {@code name.crt} and {@code name.key} into {@code dir}; returns the .crt path. */
        public Path writePem(Path dir, String name) {
            try {
                Files.createDirectories(dir);
                Path crt = dir.resolve(name + ".crt");
                Files.writeString(crt, certificatePem());
                Files.writeString(dir.resolve(name + ".key"), privateKeyPem());
                return crt;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** A PKCS#12 key store holding this key and certificate under alias "client". */
        public Path writePkcs12(Path file, char[] password) {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("client", privateKey, password, new X509Certificate[] {certificate});
                try (var out = Files.newOutputStream(file)) {
                    store.store(out, password);
                }
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final Issued root;
    private long serial = 1;

    private TestPki(String name) {
        KeyPair keys = rsa();
        X500Name subject = new X500Name("CN=" + name);
        this.root = new Issued(sign(subject, subject, keys.getPublic(), keys.getPrivate(), true, null, null), keys.getPrivate());
    }

    /** A new root CA named {@code name}. */
    public static TestPki create(String name) {
        return new TestPki(name);
    }

    public Issued root() {
        return root;
    }

    public String rootPem() {
        return root.certificatePem();
    }

    /** Writes the root certificate as PEM to {@code file}. */
    public Path writeRootPem(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, rootPem());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server certificate valid for 127.0.0.1, ::1 and localhost. */
    public Issued serverCertificate() {
        KeyPair keys = rsa();
        GeneralNames sans = new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
            new GeneralName(GeneralName.iPAddress, "::1"),
            new GeneralName(GeneralName.dNSName, "localhost"),
        });
        return new Issued(sign(new X500Name("CN=localhost"), issuerName(), keys.getPublic(), root.privateKey(), false,
                sans, KeyPurposeId.id_kp_serverAuth), keys.getPrivate());
    }

    /** A client certificate for mutual TLS. */
    public Issued clientCertificate(String commonName) {
        KeyPair keys = rsa();
        return new Issued(sign(new X500Name("CN=" + commonName), issuerName(), keys.getPublic(), root.privateKey(), false,
                null, KeyPurposeId.id_kp_clientAuth), keys.getPrivate());
    }

    /** A plain leaf certificate, e.g. for signing tokens (the registry trusts it through its bundle). */
    public Issued signingCertificate(String commonName) {
        KeyPair keys = rsa();
        return new Issued(sign(new X500Name("CN=" + commonName), issuerName(), keys.getPublic(), root.privateKey(), false,
                null, null), keys.getPrivate());
    }

    /** A self-signed leaf (not issued by this CA): for "signed by someone else" tests. */
    public static Issued selfSigned(String commonName) {
        KeyPair keys = rsa();
        X500Name name = new X500Name("CN=" + commonName);
        return new Issued(new TestPki(commonName).sign(name, name, keys.getPublic(), keys.getPrivate(), false, null, null),
                keys.getPrivate());
    }

    private X500Name issuerName() {
        return new X500Name(root.certificate().getSubjectX500Principal().getName());
    }

    private synchronized X509Certificate sign(X500Name subject, X500Name issuer, java.security.PublicKey key,
            PrivateKey signer, boolean ca, GeneralNames sans, KeyPurposeId purpose) {
        try {
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(serial++),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject, key);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (ca) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                builder.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            }
            if (sans != null) builder.addExtension(Extension.subjectAlternativeName, false, sans);
            if (purpose != null) builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            ContentSigner contentSigner = new JcaContentSignerBuilder("SHA256withRSA").build(signer);
            return new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner));
        } catch (Exception e) {
            throw new IllegalStateException("could not issue a test certificate", e);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object instanceof PrivateKey key
                    ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null).generate()
                    : object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** All certificates, root first, as one PEM bundle. */
    public String bundlePem(List<X509Certificate> extra) {
        StringBuilder pem = new StringBuilder(rootPem());
        extra.forEach(c -> pem.append(pem(c)));
        return pem.toString();
    }
}
