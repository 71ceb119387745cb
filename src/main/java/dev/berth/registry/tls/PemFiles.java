package dev.berth.registry.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads certificates and private keys from PEM files with the JDK alone, and names the file in every
 * error, because "invalid key" without a path is useless to a person with five PEM files.
 *
 * <p>Private keys may be PKCS#8 ({@code BEGIN PRIVATE KEY}), PKCS#1 ({@code BEGIN RSA PRIVATE KEY})
 * or SEC1 ({@code BEGIN EC PRIVATE KEY}); the last two are rewrapped as PKCS#8 for the JDK.
 */
final class PemFiles {

    /** CA bundles and keys are small; a bigger file is almost surely the wrong file. */
    static final long MAX_FILE_SIZE = 1 << 20;

    private static final Pattern BEGIN = Pattern.compile("^-----BEGIN ([A-Z0-9 ]+)-----\\s*$");
    private static final Pattern END = Pattern.compile("^-----END ([A-Z0-9 ]+)-----\\s*$");

    private static final byte[] RSA_ENCRYPTION = Der.oid(0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01);
    private static final byte[] RSASSA_PSS = Der.oid(0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0A);
    private static final byte[] EC_PUBLIC_KEY = Der.oid(0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01);
    private static final byte[] DSA = Der.oid(0x2A, 0x86, 0x48, 0xCE, 0x38, 0x04, 0x01);
    private static final byte[] ED25519 = Der.oid(0x2B, 0x65, 0x70);
    private static final byte[] ED448 = Der.oid(0x2B, 0x65, 0x71);
    private static final byte[] DER_NULL = {Der.NULL, 0x00};
    private static final byte[] VERSION_0 = {Der.INTEGER, 0x01, 0x00};

    /** One {@code -----BEGIN type-----} block; {@code line} is where it begins (1-based). */
    private record Block(String type, List<String> headers, byte[] der, int line) {}

    /** All certificates in a PEM file (one or more), or in a single DER certificate. */
    static List<X509Certificate> certificates(Path file) throws TlsConfigurationException {
        byte[] bytes = read(file);
        List<Block> blocks = blocks(file, bytes);
        List<X509Certificate> certificates = new ArrayList<>();
        for (Block block : blocks) {
            if (!block.type().equals("CERTIFICATE") && !block.type().equals("TRUSTED CERTIFICATE")) continue;
            try {
                certificates.add(x509(block.der()));
            } catch (CertificateException e) {
                throw new TlsConfigurationException(file,
                        "the certificate at line " + block.line() + " is malformed (" + e.getMessage() + ")", e);
            }
        }
        if (!certificates.isEmpty()) return List.copyOf(certificates);
        if (blocks.isEmpty()) {
            // ca.crt files are occasionally binary DER; accept that rather than make people convert.
            try {
                return List.of(x509(bytes));
            } catch (CertificateException notDer) {
                throw new TlsConfigurationException(file,
                        "no certificate found: expected PEM text with -----BEGIN CERTIFICATE-----");
            }
        }
        throw new TlsConfigurationException(file, "no certificate found (the file holds "
                + blocks.stream().map(Block::type).distinct().toList() + " but no -----BEGIN CERTIFICATE-----)");
    }

    /** The single private key in a PEM file. */
    static PrivateKey privateKey(Path file) throws TlsConfigurationException {
        List<Block> keys = blocks(file, read(file)).stream()
                .filter(block -> block.type().endsWith("PRIVATE KEY"))
                .toList();
        if (keys.isEmpty()) {
            throw new TlsConfigurationException(file,
                    "no private key found: expected PEM text with -----BEGIN PRIVATE KEY----- "
                            + "(or RSA PRIVATE KEY, or EC PRIVATE KEY)");
        }
        if (keys.size() > 1) {
            throw new TlsConfigurationException(file, "holds " + keys.size() + " private keys; keep only the one "
                    + "that belongs to the client certificate");
        }
        Block key = keys.get(0);
        try {
            return switch (key.type()) {
                case "PRIVATE KEY" -> pkcs8(key.der());
                case "RSA PRIVATE KEY" -> {
                    rejectLegacyEncryption(file, key);
                    yield pkcs8(Der.element(Der.SEQUENCE, VERSION_0, Der.element(Der.SEQUENCE, RSA_ENCRYPTION, DER_NULL),
                            Der.element(Der.OCTET_STRING, key.der())));
                }
                case "EC PRIVATE KEY" -> {
                    rejectLegacyEncryption(file, key);
                    yield pkcs8(sec1ToPkcs8(file, key.der()));
                }
                case "ENCRYPTED PRIVATE KEY" -> throw new TlsConfigurationException(file,
                        "the private key is encrypted with a passphrase, which is not supported for PEM keys; "
                                + decryptHint(file));
                default -> throw new TlsConfigurationException(file, "unsupported private key type '" + key.type()
                        + "'; convert it to PKCS#8 with: openssl pkey -in " + file + " -out key.pem");
            };
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new TlsConfigurationException(file, "the " + key.type() + " at line " + key.line()
                    + " is malformed (" + e.getMessage() + ")", e);
        }
    }

    private static X509Certificate x509(byte[] der) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        // PrivateKeyInfo ::= SEQUENCE { version, AlgorithmIdentifier, OCTET STRING, ... }
        Der.Reader info = Der.inside(new Der.Reader(der).next(Der.SEQUENCE, "PrivateKeyInfo"));
        info.next(Der.INTEGER, "version");
        byte[] algorithm = Der.inside(info.next(Der.SEQUENCE, "algorithm")).next(Der.OID, "algorithm OID").encoded();
        return KeyFactory.getInstance(keyAlgorithm(algorithm)).generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    private static String keyAlgorithm(byte[] oid) throws GeneralSecurityException {
        if (Arrays.equals(oid, RSA_ENCRYPTION)) return "RSA";
        if (Arrays.equals(oid, RSASSA_PSS)) return "RSASSA-PSS";
        if (Arrays.equals(oid, EC_PUBLIC_KEY)) return "EC";
        if (Arrays.equals(oid, ED25519)) return "Ed25519";
        if (Arrays.equals(oid, ED448)) return "Ed448";
        if (Arrays.equals(oid, DSA)) return "DSA";
        throw new GeneralSecurityException("unsupported key algorithm");
    }

    /**
     * SEC1 {@code ECPrivateKey ::= SEQUENCE { version 1, privateKey OCTET STRING, [0] curve OID, [1] publicKey }}
     * becomes PKCS#8 with the curve moved into the AlgorithmIdentifier, where the JDK looks for it.
     */
    private static byte[] sec1ToPkcs8(Path file, byte[] sec1) throws TlsConfigurationException {
        Der.Reader key = Der.inside(new Der.Reader(sec1).next(Der.SEQUENCE, "ECPrivateKey"));
        key.next(Der.INTEGER, "version");
        key.next(Der.OCTET_STRING, "private key");
        while (key.hasMore()) {
            Der.Element element = key.next();
            if (element.tag() == Der.CONTEXT_0) {
                Der.Element parameters = Der.inside(element).next();
                if (parameters.tag() != Der.OID) break;
                return Der.element(Der.SEQUENCE, VERSION_0,
                        Der.element(Der.SEQUENCE, EC_PUBLIC_KEY, parameters.encoded()),
                        Der.element(Der.OCTET_STRING, sec1));
            }
        }
        throw new TlsConfigurationException(file, "the EC private key does not name its curve; convert it with: "
                + "openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key.pem");
    }

    private static void rejectLegacyEncryption(Path file, Block key) throws TlsConfigurationException {
        boolean encrypted = key.headers().stream()
                .anyMatch(header -> header.toUpperCase(Locale.ROOT).startsWith("PROC-TYPE:") && header.toUpperCase(Locale.ROOT).contains("ENCRYPTED"));
        if (encrypted) {
            throw new TlsConfigurationException(file,
                    "the private key is encrypted with a passphrase, which is not supported for PEM keys; "
                            + decryptHint(file));
        }
    }

    private static String decryptHint(Path file) {
        return "decrypt it with: openssl pkey -in " + file + " -out key.pem, or bundle certificate and key "
                + "in a password-protected PKCS#12 file with: openssl pkcs12 -export -in client.cert -inkey "
                + file + " -out client.p12";
    }

    static byte[] read(Path file) throws TlsConfigurationException {
        try {
            if (Files.isDirectory(file)) throw new TlsConfigurationException(file, "is a directory, not a file");
            if (Files.size(file) > MAX_FILE_SIZE) {
                throw new TlsConfigurationException(file, "is larger than 1 MiB; is it the right file?");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new TlsConfigurationException(file, "file not found", e);
        } catch (AccessDeniedException e) {
            throw new TlsConfigurationException(file, "permission denied", e);
        } catch (IOException e) {
            if (e instanceof TlsConfigurationException tls) throw tls;
            throw new TlsConfigurationException(file, "cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static List<Block> blocks(Path file, byte[] bytes) throws TlsConfigurationException {
        // ISO-8859-1 maps every byte to a char, so binary junk cannot make decoding fail before we can say what is wrong.
        String[] lines = new String(bytes, StandardCharsets.ISO_8859_1).split("\r?\n|\r", -1);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            Matcher begin = BEGIN.matcher(lines[i].strip());
            if (!begin.matches()) continue;
            String type = begin.group(1);
            int startLine = i + 1;
            List<String> headers = new ArrayList<>();
            StringBuilder base64 = new StringBuilder();
            boolean ended = false;
            for (i++; i < lines.length; i++) {
                String line = lines[i].strip();
                Matcher end = END.matcher(line);
                if (end.matches()) {
                    if (!end.group(1).equals(type)) {
                        throw new TlsConfigurationException(file, "the " + type + " block at line " + startLine
                                + " ends with -----END " + end.group(1) + "----- at line " + (i + 1));
                    }
                    ended = true;
                    break;
                }
                if (BEGIN.matcher(line).matches()) break;
                if (line.contains(":") && base64.isEmpty()) {
                    headers.add(line);
                } else {
                    base64.append(line);
                }
            }
            if (!ended) {
                throw new TlsConfigurationException(file, "the " + type + " block at line " + startLine
                        + " has no matching -----END " + type + "----- line");
            }
            try {
                blocks.add(new Block(type, List.copyOf(headers), Base64.getDecoder().decode(base64.toString()), startLine));
            } catch (IllegalArgumentException e) {
                throw new TlsConfigurationException(file, "the " + type + " block at line " + startLine
                        + " is not valid base64 (" + e.getMessage() + ")", e);
            }
        }
        return blocks;
    }

    private PemFiles() {}
}
