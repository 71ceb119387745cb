package dev.berth.registry.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testing.TestPki;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading PEM with the JDK alone, and the errors a person sees when a file is wrong. */
class PemFilesTest {

    private static final TestPki PKI = TestPki.create("Berth PEM CA");

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private TlsConfigurationException certificateError(Path file) {
        return assertThrows(TlsConfigurationException.class, () -> PemFiles.certificates(file));
    }

    private TlsConfigurationException keyError(Path file) {
        return assertThrows(TlsConfigurationException.class, () -> PemFiles.privateKey(file));
    }

    private static void assertNames(Path file, TlsConfigurationException e, String problem) {
        assertEquals(Optional.of(file), e.file());
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void readsEveryCertificateOfABundleIgnoringTextAround() throws IOException {
        TestPki.Issued leaf = PKI.serverCertificate();
        Path bundle = write("bundle.pem", "Bag Attributes: from openssl\n" + leaf.certificatePem() + "\n# comment\n" + PKI.rootPem());

        List<X509Certificate> certificates = PemFiles.certificates(bundle);

        assertEquals(List.of(leaf.certificate(), PKI.root().certificate()), certificates);
    }

    @Test
    void readsABinaryDerCertificate() throws Exception {
        Path der = Files.write(dir.resolve("ca.der"), PKI.root().certificate().getEncoded());

        assertEquals(List.of(PKI.root().certificate()), PemFiles.certificates(der));
    }

    @Test
    void readsCrlfLineEndings() throws IOException {
        Path file = write("crlf.pem", PKI.rootPem().replace("\n", "\r\n"));

        assertEquals(List.of(PKI.root().certificate()), PemFiles.certificates(file));
    }

    @Test
    void readsPkcs8RsaKey() throws IOException {
        TestPki.Issued client = PKI.clientCertificate("pkcs8");
        Path key = write("key.pem", client.privateKeyPem());
        assertTrue(client.privateKeyPem().startsWith("-----BEGIN PRIVATE KEY-----"));

        assertEquals(client.privateKey(), PemFiles.privateKey(key));
    }

    @Test
    void readsPkcs1RsaKey() throws IOException {
        TestPki.Issued client = PKI.clientCertificate("pkcs1");
        Path key = write("key.pem", TlsFixtures.traditionalPem(client.privateKey()));

        PrivateKey read = PemFiles.privateKey(key);

        assertEquals("RSA", read.getAlgorithm());
        assertTrue(ClientKeys.matches(read, client.certificate()));
    }

    @Test
    void readsSec1EcKeyAfterItsParametersBlock() throws IOException {
        KeyPair keys = TlsFixtures.ec();
        // `openssl ecparam -genkey` writes the curve as its own block before the key.
        String parameters = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n";
        Path key = write("ec.pem", parameters + TlsFixtures.sec1Pem(keys));

        PrivateKey read = PemFiles.privateKey(key);

        assertEquals("EC", read.getAlgorithm());
        assertEquals(((java.security.interfaces.ECPrivateKey) keys.getPrivate()).getS(),
                ((java.security.interfaces.ECPrivateKey) read).getS());
    }

    @Test
    void readsPkcs8EcAndEd25519Keys() throws Exception {
        KeyPair ec = TlsFixtures.ec();
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();

        assertEquals(ec.getPrivate(), PemFiles.privateKey(write("ec8.pem", TlsFixtures.pem("PRIVATE KEY", ec.getPrivate().getEncoded()))));
        assertEquals("EdDSA", PemFiles.privateKey(write("ed.pem", TlsFixtures.pem("PRIVATE KEY", ed.getPrivate().getEncoded()))).getAlgorithm());
    }

    @Test
    void aKeyAndCertificateMayShareOneFile() throws IOException {
        TestPki.Issued client = PKI.clientCertificate("combined");
        Path both = write("both.pem", client.certificatePem() + client.privateKeyPem());

        assertEquals(List.of(client.certificate()), PemFiles.certificates(both));
        assertEquals(client.privateKey(), PemFiles.privateKey(both));
    }

    @Test
    void missingFile() {
        Path absent = dir.resolve("absent.pem");

        assertNames(absent, certificateError(absent), "file not found");
    }

    @Test
    void emptyFile() throws IOException {
        Path empty = write("empty.pem", "");

        assertNames(empty, certificateError(empty), "no certificate found");
        assertNames(empty, keyError(empty), "no private key found");
    }

    @Test
    void aDirectoryInsteadOfAFile() throws IOException {
        Path directory = Files.createDirectory(dir.resolve("ca.crt"));

        assertNames(directory, certificateError(directory), "is a directory");
    }

    @Test
    void brokenBase64() throws IOException {
        Path file = write("broken.pem", "-----BEGIN CERTIFICATE-----\nMIIB$$$$\n-----END CERTIFICATE-----\n");

        assertNames(file, certificateError(file), "the CERTIFICATE block at line 1 is not valid base64");
    }

    @Test
    void truncatedBlock() throws IOException {
        String pem = PKI.rootPem();
        Path file = write("truncated.pem", pem.substring(0, pem.indexOf("-----END")));

        assertNames(file, certificateError(file), "has no matching -----END CERTIFICATE----- line");
    }

    @Test
    void mismatchedEndLine() throws IOException {
        Path file = write("mismatched.pem", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END PRIVATE KEY-----\n");

        assertNames(file, certificateError(file), "ends with -----END PRIVATE KEY----- at line 3");
    }

    @Test
    void validBase64ThatIsNoCertificate() throws IOException {
        Path file = write("garbage.pem", "\n\n-----BEGIN CERTIFICATE-----\naGVsbG8gd29ybGQ=\n-----END CERTIFICATE-----\n");

        assertNames(file, certificateError(file), "the certificate at line 3 is malformed");
    }

    @Test
    void aKeyFileGivenAsCaFile() throws IOException {
        Path file = write("key.pem", PKI.clientCertificate("x").privateKeyPem());

        assertNames(file, certificateError(file), "holds [PRIVATE KEY] but no -----BEGIN CERTIFICATE-----");
    }

    @Test
    void aCertificateGivenAsKeyFile() throws IOException {
        Path file = write("cert.pem", PKI.rootPem());

        assertNames(file, keyError(file), "no private key found");
    }

    @Test
    void encryptedPkcs8KeyExplainsHowToDecrypt() throws Exception {
        PrivateKey key = PKI.clientCertificate("enc").privateKey();
        var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(org.bouncycastle.openssl.PKCS8Generator.AES_256_CBC)
                .setProvider(new BouncyCastleProvider()).setPassword("pw".toCharArray()).build();
        Path file = write("enc.pem", writePem(new JcaPKCS8Generator(key, encryptor).generate()));
        assertTrue(Files.readString(file).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));

        TlsConfigurationException e = keyError(file);

        assertNames(file, e, "encrypted with a passphrase");
        assertTrue(e.getMessage().contains("openssl pkey -in " + file), e.getMessage());
    }

    @Test
    void legacyEncryptedPkcs1KeyExplainsHowToDecrypt() throws Exception {
        PrivateKey key = PKI.clientCertificate("enc1").privateKey();
        var encryptor = new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(new BouncyCastleProvider())
                .build("pw".toCharArray());
        Path file = write("enc1.pem", writePem(new JcaMiscPEMGenerator(key, encryptor).generate()));
        assertTrue(Files.readString(file).contains("Proc-Type: 4,ENCRYPTED"));

        assertNames(file, keyError(file), "encrypted with a passphrase");
    }

    @Test
    void sec1KeyWithoutCurveExplainsHowToConvert() throws IOException {
        Path file = write("nocurve.pem", TlsFixtures.traditionalPem(TlsFixtures.ec().getPrivate()));

        TlsConfigurationException e = keyError(file);

        assertNames(file, e, "does not name its curve");
        assertTrue(e.getMessage().contains("openssl pkcs8 -topk8 -nocrypt -in " + file), e.getMessage());
    }

    @Test
    void unsupportedKeyTypeExplainsHowToConvert() throws IOException {
        Path file = write("ssh.pem", "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n");

        assertNames(file, keyError(file), "unsupported private key type 'OPENSSH PRIVATE KEY'");
    }

    @Test
    void twoKeysInOneFile() throws IOException {
        Path file = write("two.pem", PKI.clientCertificate("a").privateKeyPem() + PKI.clientCertificate("b").privateKeyPem());

        assertNames(file, keyError(file), "holds 2 private keys");
    }

    @Test
    void corruptKeyBody() throws IOException {
        Path file = write("corrupt.pem", "-----BEGIN RSA PRIVATE KEY-----\naGVsbG8=\n-----END RSA PRIVATE KEY-----\n");

        assertNames(file, keyError(file), "the RSA PRIVATE KEY at line 1 is malformed");
    }

    @Test
    void overSizedFileIsRefusedBeforeReading() throws IOException {
        Path file = Files.write(dir.resolve("huge.pem"), new byte[(int) PemFiles.MAX_FILE_SIZE + 1]);

        assertNames(file, certificateError(file), "larger than 1 MiB");
    }

    private static String writePem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }
}
